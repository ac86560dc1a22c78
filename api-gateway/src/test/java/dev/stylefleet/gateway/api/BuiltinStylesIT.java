package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static dev.stylefleet.gateway.api.GatewayFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ModelRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Built-in styles as the gateway shows them: the registry's stylize models without a tenant (what the
 * inference workers publish at start, played here by the test), listed before the tenant's trained
 * styles with their card's fields and a preview served from the models bucket.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class BuiltinStylesIT {
    static final String KEY = LocalStackResource.LOCAL_KEY;
    static final String OTHER = LocalStackResource.OTHER_KEY;
    static final String WAVE = "it-builtin-wave";
    /** A tenant's imported stylize model: not a built-in, not in anyone's style list as one. */
    static final String PRIVATE = "it-private-style";
    static final byte[] PREVIEW = TestImages.jpeg(48, 32);

    @BeforeAll
    static void publish() {
        GatewayFixtures.registerModels();
        ModelRegistry registry = new ModelRegistry(GatewayFixtures.stack().objectStore());
        byte[] notReallyOnnx = "placeholder model bytes".getBytes(StandardCharsets.UTF_8);
        // The worker's order: preview first, then the manifest.
        GatewayFixtures.stack().objectStore().put(Buckets.MODELS, ObjectKeys.modelPreview(WAVE, "1"), PREVIEW, "image/jpeg");
        registry.publish(WAVE, "1", InferJobRequested.TASK_STYLIZE, 1, "built-in style network", notReallyOnnx, null,
                null, Map.of("name", "The Great Wave", "artist", "Hokusai", "painting", "The Great Wave off Kanagawa",
                        "licence", "MIT", "builtin", "style-gallery"));
        registry.publish(PRIVATE, "1", InferJobRequested.TASK_STYLIZE, 1, "imported", notReallyOnnx, null,
                LocalStackResource.OTHER_TENANT, Map.of("name", "Mine"));
    }

    @BeforeEach
    void ready() {
        GatewayFixtures.awaitReady();
    }

    @Test
    void builtinsAreListedFirstWithTheirCardAndPreviewForEveryTenant() {
        for (String key : List.of(KEY, OTHER)) {
            Response list = as(key).get("/v1/styles");
            assertThat(list.statusCode()).as(list.asString()).isEqualTo(200);
            List<Map<String, Object>> styles = list.jsonPath().getList("$");
            Map<String, Object> wave = styles.stream().filter(s -> WAVE.equals(s.get("id"))).findFirst().orElseThrow();
            assertThat(wave).containsEntry("builtin", true).containsEntry("name", "The Great Wave")
                    .containsEntry("artist", "Hokusai").containsEntry("painting", "The Great Wave off Kanagawa")
                    .containsEntry("licence", "MIT").containsEntry("state", "READY").containsEntry("modelId", WAVE);
            assertThat((String) wave.get("previewUrl")).endsWith("/v1/styles/" + WAVE + "/preview");
            assertThat(wave.get("thumbnailUrl")).isNull();
            // Built-ins first, then trained styles.
            int lastBuiltin = -1;
            int firstTrained = Integer.MAX_VALUE;
            for (int i = 0; i < styles.size(); i++) {
                if (Boolean.TRUE.equals(styles.get(i).get("builtin"))) {
                    lastBuiltin = i;
                } else {
                    firstTrained = Math.min(firstTrained, i);
                }
            }
            assertThat(lastBuiltin).isLessThan(firstTrained);
            // Another tenant's model is never a built-in, and never shown to this one.
            assertThat(styles).noneMatch(s -> PRIVATE.equals(s.get("id")) && Boolean.TRUE.equals(s.get("builtin")));
        }
        assertThat(as(KEY).get("/v1/styles").jsonPath().getList("id", String.class)).doesNotContain(PRIVATE);
        // A tenant-less stylize model without a card is still a built-in, named by its id.
        Response bare = as(KEY).get("/v1/styles/" + GatewayFixtures.STYLE_MODEL);
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(bare.jsonPath().getBoolean("builtin")).isTrue();
        assertThat(bare.jsonPath().getString("name")).isEqualTo(GatewayFixtures.STYLE_MODEL);

        Response one = as(OTHER).get("/v1/styles/" + WAVE);
        assertThat(one.statusCode()).as(one.asString()).isEqualTo(200);
        assertThat(one.jsonPath().getString("name")).isEqualTo("The Great Wave");
        assertThat(one.jsonPath().getBoolean("builtin")).isTrue();
    }

    @Test
    void thePreviewIsServedBehindTheKey() {
        Response preview = as(KEY).get("/v1/styles/" + WAVE + "/preview");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.contentType()).startsWith("image/jpeg");
        assertThat(preview.asByteArray()).isEqualTo(PREVIEW);
        assertThat(given().get("/v1/styles/" + WAVE + "/preview").jsonPath().getString("error.code"))
                .isEqualTo("UNAUTHENTICATED");

        Response none = as(KEY).get("/v1/styles/" + GatewayFixtures.STYLE_MODEL + "/preview");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.jsonPath().getString("error.code")).isEqualTo("NO_PREVIEW");
        Response thumb = as(KEY).get("/v1/styles/" + WAVE + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(404);
        assertThat(thumb.jsonPath().getString("error.code")).isEqualTo("NO_PREVIEW");
        assertThat(thumb.jsonPath().getString("error.message")).contains("/preview");
        for (String id : List.of("no-such-style", PRIVATE, "Not An Id")) {
            Response missing = as(KEY).get("/v1/styles/" + id + "/preview");
            assertThat(missing.statusCode()).as(id).isEqualTo(404);
            assertThat(missing.jsonPath().getString("error.code")).as(id).isEqualTo("STYLE_NOT_FOUND");
            assertThat(as(KEY).get("/v1/styles/" + id).jsonPath().getString("error.code")).as(id).isEqualTo("STYLE_NOT_FOUND");
        }
    }

    @Test
    void aStylizeJobNamingABuiltinIsAccepted() {
        Response r = upload(KEY, "photo.png", TestImages.png(33, 21), "image/png").multiPart("task", "stylize")
                .multiPart("model", WAVE).post("/v1/jobs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getString("model")).isEqualTo(WAVE);
    }
}
