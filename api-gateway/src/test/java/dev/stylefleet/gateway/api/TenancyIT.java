package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.SR_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.gateway.jobs.JobIds;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.InferJobRequested;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants, each with one of everything (an inference job, a presigned upload, a dataset, a style and
 * its training job, an upscaler and its training job, a private model), and every endpoint of the API
 * tried by each tenant with the other's ids: an id in the path answers 404 in the API's error format,
 * exactly as an id that never existed; an id in a form field is refused exactly as a missing one; and no
 * listing shows anything of the other tenant. The endpoints are read from the JAX-RS resources, so a new
 * endpoint without a probe here fails the test (docs/reliability.md, "Tenancy", is this matrix).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TenancyIT {
    private static final String A = LocalStackResource.LOCAL_KEY;
    private static final String B = LocalStackResource.OTHER_KEY;
    private static final String API_PACKAGE = "dev.stylefleet.gateway.api";

    /** What one tenant owns. */
    record Owned(String tenant, String jobId, String uploadId, String dataset, String styleId, String styleJobId,
            String upscalerId, String upscalerJobId, String modelId) {}

    private static Owned a;
    private static Owned b;

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    /** Once per class, but over HTTP: RestAssured knows the gateway's port only around each test. */
    @BeforeEach
    void twoTenantsWithOneOfEverything() throws Exception {
        if (a == null) {
            GatewayFixtures.awaitReady();
            a = create(A, "local");
            b = create(B, LocalStackResource.OTHER_TENANT);
        }
    }

    private static Owned create(String key, String tenant) throws Exception {
        String tag = tenant + "-" + Long.toHexString(System.nanoTime());
        Response job = GatewayFixtures.upload(key, "p.png", TestImages.png(16, 12), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(202);

        byte[] image = TestImages.png(20, 10);
        Response upload = as(key).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", image.length)).post("/v1/uploads");
        assertThat(upload.statusCode()).as(upload.asString()).isEqualTo(201);
        JobApiIT.putToUrl(upload.jsonPath().getString("url"), image, "image/png");

        String dataset = "tenancy-" + tag;
        Response ds = as(key).multiPart("name", dataset).multiPart("images", "a.png", TestImages.png(40, 40), "image/png")
                .multiPart("images", "b.png", TestImages.png(30, 30), "image/png").post("/v1/datasets");
        assertThat(ds.statusCode()).as(ds.asString()).isEqualTo(201);

        Response style = as(key).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "Tenancy " + tag).multiPart("dataset", dataset).post("/v1/styles");
        assertThat(style.statusCode()).as(style.asString()).isEqualTo(202);
        String styleJobId = style.jsonPath().getString("id");
        String styleId = as(key).get("/v1/styles").jsonPath().getList("findAll { it.jobId == '" + styleJobId + "' }.id",
                String.class).get(0);

        String upscalerId = "tenancy-sr-" + tag;
        Response upscaler = as(key).multiPart("name", upscalerId).multiPart("dataset", dataset).multiPart("scale", "4")
                .post("/v1/upscalers");
        assertThat(upscaler.statusCode()).as(upscaler.asString()).isEqualTo(202);

        String modelId = "tenancy-model-" + tag;
        new ModelRegistry(GatewayFixtures.stack().objectStore()).publish(modelId, "1", InferJobRequested.TASK_SUPER_RESOLVE,
                4, "bicubic", "placeholder model bytes".getBytes(StandardCharsets.UTF_8), null, tenant, Map.of());
        return new Owned(tenant, job.jsonPath().getString("id"), upload.jsonPath().getString("uploadId"), dataset,
                styleId, styleJobId, upscalerId, upscaler.jsonPath().getString("id"), modelId);
    }

    /** One probe: the caller's key, the other tenant's things; returns the outcome for the matrix. */
    private interface Probe extends BiFunction<String, Owned, String> {}

    /** Every endpoint's probe, keyed as {@link #endpoints()} names them. */
    private static Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        p.put("POST /v1/jobs", (key, other) -> {
            String model = sameAsAbsent(GatewayFixtures.upload(key, "p.png", TestImages.png(8, 8), "image/png")
                    .multiPart("task", "super-resolve").multiPart("model", other.modelId()).post("/v1/jobs"),
                    GatewayFixtures.upload(key, "p.png", TestImages.png(8, 8), "image/png")
                            .multiPart("task", "super-resolve").multiPart("model", "never-published-model").post("/v1/jobs"),
                    400, "UNKNOWN_MODEL");
            String upload = sameAsAbsent(as(key).multiPart("uploadId", other.uploadId()).multiPart("task", "super-resolve")
                    .multiPart("model", SR_MODEL).post("/v1/jobs"), as(key).multiPart("uploadId", JobIds.next())
                    .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs"), 400, "UNKNOWN_UPLOAD");
            return "model=other's: " + model + "; uploadId=other's: " + upload;
        });
        p.put("GET /v1/jobs", (key, other) -> {
            List<String> ids = new ArrayList<>();
            for (String state : List.of("", "QUEUED")) {
                ids.addAll(as(key).queryParam("size", 100).queryParam("state", state).get("/v1/jobs")
                        .jsonPath().getList("items.id", String.class));
            }
            assertThat(ids).doesNotContain(other.jobId(), other.styleJobId(), other.upscalerJobId());
            return "200, none of the other's jobs";
        });
        for (String sub : List.of("", "/result", "/preview", "/events")) {
            p.put("GET /v1/jobs/{id}" + sub, (key, other) -> notFound(key, "GET", "/v1/jobs/%s" + sub, "JOB_NOT_FOUND",
                    other.jobId(), other.styleJobId(), other.upscalerJobId()));
        }
        p.put("DELETE /v1/jobs/{id}", (key, other) -> notFound(key, "DELETE", "/v1/jobs/%s", "JOB_NOT_FOUND",
                other.jobId(), other.styleJobId(), other.upscalerJobId()));
        p.put("POST /v1/uploads", (key, other) -> {
            Response r = as(key).contentType("application/json").body(Map.of("contentType", "image/png", "sizeBytes", 10))
                    .post("/v1/uploads");
            assertThat(r.statusCode()).isEqualTo(201);
            // The URL can only write under the caller's own prefix; the other's uploads are probed via POST /v1/jobs.
            assertThat(r.jsonPath().getString("url")).doesNotContain("/uploads/" + other.tenant() + "/");
            return "201, a URL under the caller's own uploads/ prefix";
        });
        p.put("POST /v1/datasets", (key, other) -> {
            // Dataset names are per tenant: the same name makes the caller's own dataset, the other's is untouched.
            Response r = as(key).multiPart("name", other.dataset()).multiPart("images", "x.png", TestImages.png(8, 8), "image/png")
                    .post("/v1/datasets");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            assertThat(r.jsonPath().getInt("imageCount")).isEqualTo(1);
            return "201, the caller's own dataset of that name; the other's keeps its images";
        });
        p.put("GET /v1/datasets", (key, other) -> {
            assertThat(as(key).get("/v1/datasets").jsonPath().getList("prefix", String.class))
                    .noneMatch(prefix -> prefix.contains("/" + other.tenant() + "/"));
            return "200, none of the other's datasets";
        });
        p.put("POST /v1/styles", (key, other) -> {
            String dataset = sameAsAbsent(style(key, other.dataset() + "-x", null), style(key, "never-uploaded-x", null),
                    400, "UNKNOWN_DATASET");
            return "dataset=other's: " + dataset;
        });
        p.put("GET /v1/styles", (key, other) -> {
            assertThat(as(key).get("/v1/styles").jsonPath().getList("id", String.class)).doesNotContain(other.styleId());
            assertThat(as(key).get("/v1/styles").jsonPath().getList("jobId", String.class)).doesNotContain(other.styleJobId());
            return "200, none of the other's styles";
        });
        for (String sub : List.of("", "/preview", "/thumbnail")) {
            p.put("GET /v1/styles/{id}" + sub, (key, other) -> notFound(key, "GET", "/v1/styles/%s" + sub,
                    "STYLE_NOT_FOUND", other.styleId()));
        }
        p.put("POST /v1/upscalers", (key, other) -> {
            String dataset = sameAsAbsent(as(key).multiPart("name", "tenancy-probe-" + System.nanoTime())
                    .multiPart("dataset", other.dataset() + "-x").multiPart("scale", "4").post("/v1/upscalers"),
                    as(key).multiPart("name", "tenancy-probe-" + System.nanoTime()).multiPart("dataset", "never-uploaded-x")
                            .multiPart("scale", "4").post("/v1/upscalers"), 400, "UNKNOWN_DATASET");
            return "dataset=other's: " + dataset;
        });
        p.put("GET /v1/upscalers", (key, other) -> {
            Response r = as(key).get("/v1/upscalers");
            assertThat(r.jsonPath().getList("id", String.class)).doesNotContain(other.upscalerId());
            assertThat(r.jsonPath().getList("jobId", String.class)).doesNotContain(other.upscalerJobId());
            return "200, none of the other's upscalers";
        });
        p.put("GET /v1/models", (key, other) -> {
            assertThat(as(key).get("/v1/models").jsonPath().getList("id", String.class))
                    .doesNotContain(other.modelId(), other.upscalerId());
            return "200, none of the other's models";
        });
        p.put("POST /v1/models", (key, other) -> {
            // Model ids are one namespace over all tenants (the registry's keys): a taken id says that some
            // model has it, never whose; nothing of the other's model is read or changed.
            Response r = as(key).multiPart("file", "m.onnx", new byte[] {1, 2, 3}, "application/octet-stream")
                    .multiPart("task", "super-resolve").multiPart("scale", "4").multiPart("id", other.modelId())
                    .post("/v1/models");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
            assertThat(r.jsonPath().getString("error.code")).isEqualTo("MODEL_ID_TAKEN");
            assertThat(r.jsonPath().getString("error.message")).doesNotContainIgnoringCase("tenant")
                    .doesNotContain("'" + other.tenant() + "'");
            return "409 MODEL_ID_TAKEN (ids are global; the owner is not named)";
        });
        return p;
    }

    @Test
    void everyEndpointHasAProbe() {
        assertThat(new TreeSet<>(probes().keySet())).isEqualTo(endpoints());
    }

    @Test
    void eachTenantGets404OrTheAbsentAnswerForTheOthersIdsAndSeesNothingOfTheOther() {
        Map<String, String> matrix = new LinkedHashMap<>();
        probes().forEach((endpoint, probe) -> {
            String ab = probe.apply(A, b);
            String ba = probe.apply(B, a);
            assertThat(ba).as(endpoint).isEqualTo(ab);
            matrix.put(endpoint, ab);
        });
        // The owner still has everything, unchanged by the other's probes.
        for (Owned o : List.of(a, b)) {
            String key = o == a ? A : B;
            assertThat(as(key).get("/v1/jobs/" + o.jobId()).statusCode()).isEqualTo(200);
            assertThat(as(key).get("/v1/jobs/" + o.jobId()).jsonPath().getString("state")).isEqualTo("QUEUED");
            assertThat(as(key).get("/v1/styles/" + o.styleId()).statusCode()).isEqualTo(200);
            assertThat(as(key).get("/v1/datasets").jsonPath().getList("findAll { it.name == '" + o.dataset()
                    + "' }.imageCount", Integer.class)).containsExactly(2);
            assertThat(as(key).get("/v1/models").jsonPath().getList("id", String.class)).contains(o.modelId());
        }
        matrix.forEach((endpoint, outcome) -> System.out.println("| `" + endpoint + "` | " + outcome + " |"));
    }

    /** The other tenant's ids answer exactly as an id that never existed: 404, the code, the error shape. */
    private static String notFound(String key, String method, String pathFormat, String code, String... ids) {
        Response absent = as(key).request(method, String.format(pathFormat, JobIds.next()));
        for (String id : ids) {
            Response r = as(key).request(method, String.format(pathFormat, id));
            sameAsAbsent(r, absent, 404, code);
        }
        return "404 " + code;
    }

    /** {@code r} (the other's id) and {@code absent} (an id never used) give the same status, code and field. */
    private static String sameAsAbsent(Response r, Response absent, int status, String code) {
        for (Response x : List.of(r, absent)) {
            assertThat(x.statusCode()).as(x.asString()).isEqualTo(status);
            assertThat(x.contentType()).startsWith("application/json");
            assertThat(x.jsonPath().getString("error.code")).isEqualTo(code);
            assertThat(x.jsonPath().getString("error.message")).isNotBlank();
        }
        assertThat(r.jsonPath().getString("error.field")).isEqualTo(absent.jsonPath().getString("error.field"));
        return status + " " + code + " (as for an absent id)";
    }

    private static Response style(String key, String dataset, String initFrom) {
        var spec = as(key).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "probe").multiPart("dataset", dataset);
        return (initFrom == null ? spec : spec.multiPart("initFrom", initFrom)).post("/v1/styles");
    }

    /** "METHOD /path" of every resource method of the API, read from the JAX-RS annotations. */
    private static TreeSet<String> endpoints() {
        TreeSet<String> out = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(API_PACKAGE)) {
            if (!c.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = c.reflect();
            String root = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = m.getAnnotation(Path.class);
                        out.add(http.value() + " " + root + (sub == null ? "" : "/" + sub.value().replaceAll("^/", "")));
                    }
                }
            }
        }
        return out;
    }
}
