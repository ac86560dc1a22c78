package dev.stylefleet.gateway.callbacks;

import static dev.stylefleet.gateway.api.JobApiITSupport.as;
import static dev.stylefleet.gateway.api.JobApiITSupport.send;
import static dev.stylefleet.gateway.api.JobApiITSupport.submitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.api.JobApiITSupport;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callbacks against a real HTTP receiver on 127.0.0.1 (allow-listed for this one port in the test
 * configuration): a receiver that fails the first two deliveries gets the third with the same delivery
 * id and a signature that verifies with the tenant's secret; every attempt shows on the job. URLs to
 * internal addresses are refused at submit.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class CallbackIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        JobApiITSupport.registerModels();
        receiver = LocalStackResource.CALLBACK_RECEIVER;
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = path.startsWith("/fail-twice/") && n <= 2 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @BeforeEach
    void ready() {
        JobApiITSupport.awaitReady();
    }

    private static String hook(String path) {
        return "http://127.0.0.1:" + LocalStackResource.CALLBACK_RECEIVER_PORT + path;
    }

    private static List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void thirdAttemptArrivesWithTheSameDeliveryIdAndAVerifiableSignature() throws Exception {
        String path = "/fail-twice/" + System.nanoTime();
        Response submitted = submitter(LocalStackResource.LOCAL_KEY).multiPart("callbackUrl", hook(path)).post("/v1/jobs");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(202);
        String id = submitted.jsonPath().getString("id");
        assertThat(submitted.jsonPath().getString("callbackUrl")).isEqualTo(hook(path));

        send(new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.SUCCEEDED, Instant.now(), "w",
                null, new JobEvent.Result("results/" + id + "/result.png", "image/png", 8, 8, null), null));

        await().atMost(PATIENCE).until(() -> at(path).size() >= 3);
        List<Received> attempts = at(path);
        String deliveryId = attempts.get(0).header("Stylefleet-Delivery");
        assertThat(deliveryId).isNotBlank();
        assertThat(attempts).extracting(r -> r.header("Stylefleet-Delivery")).containsOnly(deliveryId);
        assertThat(attempts).extracting(r -> r.header("Stylefleet-Attempt")).startsWith("1", "2", "3");
        Received third = attempts.get(2);
        assertThat(third.header("Content-Type")).startsWith("application/json");
        String body = new String(third.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"deliveryId\":\"" + deliveryId + "\"", "\"event\":\"job.state\"", "\"state\":\"SUCCEEDED\"", id);
        assertThat(new String(attempts.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(body);

        // t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>, recomputed here from the raw bytes.
        String signature = third.header("Stylefleet-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = signature.substring(2, signature.indexOf(','));
        String v1 = signature.substring(signature.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalStackResource.LOCAL_CALLBACK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(v1).isEqualTo(HexFormat.of().formatHex(mac.doFinal(third.body())));
        assertThat(Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond())).isLessThan(300);

        // Every attempt is visible on the job.
        Response job = await().atMost(PATIENCE).until(() -> as(LocalStackResource.LOCAL_KEY).get("/v1/jobs/" + id),
                r -> r.jsonPath().getList("callbacks").size() == 3);
        assertThat(job.jsonPath().getList("callbacks.deliveryId", String.class)).containsOnly(deliveryId);
        assertThat(job.jsonPath().getList("callbacks.attempt", Integer.class)).containsExactly(1, 2, 3);
        assertThat(job.jsonPath().getList("callbacks.status", String.class)).containsExactly("FAILED", "FAILED", "DELIVERED");
        assertThat(job.jsonPath().getList("callbacks.httpStatus", Integer.class)).containsExactly(500, 500, 204);
        assertThat(job.jsonPath().getString("callbacks[0].at")).isNotBlank();
        assertThat(job.jsonPath().getString("callbacks[0].error")).contains("500");
        // Exactly three: delivered means done.
        assertThat(at(path)).hasSize(3);
    }

    @Test
    void progressIsDeliveredWhenAskedFor() throws Exception {
        String path = "/progress/" + System.nanoTime();
        Response submitted = submitter(LocalStackResource.LOCAL_KEY).multiPart("callbackUrl", hook(path))
                .multiPart("callbackProgress", "true").post("/v1/jobs");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(202);
        String id = submitted.jsonPath().getString("id");
        send(new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.RUNNING, Instant.now(), "w",
                new JobEvent.Progress(5, 10, Map.of("total", 1.5), 1.0, 5.0, null), null, null));
        await().atMost(PATIENCE).until(() -> !at(path).isEmpty());
        String body = new String(at(path).get(0).body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"event\":\"job.progress\"", "\"step\":5");
        send(new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.FAILED, Instant.now(), "w",
                null, null, new JobEvent.Error("INFERENCE_FAILED", "boom")));
        await().atMost(PATIENCE).until(() -> at(path).stream().anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8)
                .contains("\"state\":\"FAILED\"")));
    }

    @Test
    void internalAddressesAreRefusedAtSubmit() throws Exception {
        int otherPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            otherPort = s.getLocalPort();
        }
        Map<Integer, Long> before = JobApiITSupport.kafka().endOffsets(Topics.INFER_JOBS);
        for (String url : List.of("http://127.0.0.1:" + otherPort + "/hook", "http://localhost:" + otherPort + "/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hook", "http://[::1]:" + otherPort + "/",
                // issue 15: IPv6 forms embedding 127.0.0.1 (NAT64, 6to4, Teredo client), all spellings in CallbackUrlSpellingsTest
                "http://[64:ff9b::7f00:1]:" + otherPort + "/", "http://[2002:7f00:1::]:" + otherPort + "/",
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")) {
            Response r = submitter(LocalStackResource.LOCAL_KEY).multiPart("callbackUrl", url).post("/v1/jobs");
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.jsonPath().getString("error.code")).as(url).isEqualTo("CALLBACK_URL_FORBIDDEN");
            assertThat(r.jsonPath().getString("error.field")).isEqualTo("callbackUrl");
            assertThat(r.jsonPath().getString("error.message")).startsWith("callbackUrl:");
        }
        Response ftp = submitter(LocalStackResource.LOCAL_KEY).multiPart("callbackUrl", "ftp://example.com/x").post("/v1/jobs");
        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(ftp.jsonPath().getString("error.code")).isEqualTo("INVALID_FIELD");
        assertThat(JobApiITSupport.kafka().endOffsets(Topics.INFER_JOBS)).isEqualTo(before);
    }
}
