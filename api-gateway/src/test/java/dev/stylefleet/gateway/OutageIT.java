package dev.stylefleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a client sees at the gateway during an outage of its dependencies (issue 15; the contract shared
 * with the fault suite): a quick 503 with {@code Retry-After} and the stable code, never a 500 and
 * never a hang. The packaged gateway runs against a stack of its own (a real broker, a real S3 server
 * reached through a {@link TcpRelay}): first S3 is cut (submit of a stored input, a new model's
 * lookup, a result download: STORAGE_UNAVAILABLE), then the broker is stopped (submit:
 * ENQUEUE_FAILED within the enqueue timeout). Each answer's latency is printed for docs/reliability.md.
 */
class OutageIT {
    private static final String KEY = "local-dev-key";
    private static final String MODEL = "bicubic-x4";
    private static final String OTHER_MODEL = "bicubic-x4-b";
    private static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    /** The most any answer during an outage may take: the enqueue timeout plus a margin for a loaded machine. */
    private static final Duration QUICK = ENQUEUE_TIMEOUT.plusSeconds(8);

    @Test
    void outagesAnswerQuick503sWithRetryAfter() throws Exception {
        LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral());
        URI s3 = URI.create(stack.s3Endpoint());
        TcpRelay relay = new TcpRelay(s3.getHost(), s3.getPort());
        GatewayProcess gateway = null;
        try {
            ModelRegistry registry = new ModelRegistry(stack.objectStore());
            byte[] notReallyOnnx = "placeholder model bytes".getBytes(StandardCharsets.UTF_8);
            registry.publish(MODEL, "1", InferJobRequested.TASK_SUPER_RESOLVE, 4, "bicubic", notReallyOnnx, null, null, Map.of());
            registry.publish(OTHER_MODEL, "1", InferJobRequested.TASK_SUPER_RESOLVE, 4, "bicubic", notReallyOnnx, null, null, Map.of());

            Map<String, String> config = new HashMap<>(stack.configProperties());
            config.put("stylefleet.s3.endpoint", "http://127.0.0.1:" + relay.port());
            config.put("stylefleet.gateway.enqueue-timeout", ENQUEUE_TIMEOUT.toSeconds() + "S");
            config.put("stylefleet.gateway.health-timeout", "1S");
            // The model found before the outage stays usable, so that a submit during the broker's
            // outage reaches Kafka instead of failing on S3 first.
            config.put("stylefleet.gateway.model-cache-ttl", "1H");
            config.put("stylefleet.api.retry-after", RETRY_AFTER.toSeconds() + "S");
            gateway = GatewayProcess.start("outage-it", "outage-it-gateway", config);
            GatewayProcess g = gateway;

            // Before: a job is accepted, and one more SUCCEEDED with a stored result.
            Response accepted = submit(g, MODEL, TestImages.png(16, 16));
            assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
            String done = submit(g, MODEL, TestImages.png(16, 16)).jsonPath().getString("id");
            String resultKey = "results/local/" + done + "/result.png";
            stack.objectStore().put(dev.stylefleet.schemas.Buckets.DATA, resultKey, TestImages.png(64, 64), "image/png");
            try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers())) {
                JobEvent succeeded = new JobEvent(Messages.SCHEMA_VERSION, done, "local", JobKind.INFER, JobState.SUCCEEDED,
                        Instant.now(), "test-worker", null, null, null)
                        .withResult(new JobEvent.Result(resultKey, "image/png", 64, 64, null));
                kafka.send(Topics.JOB_EVENTS, done, Messages.JOB_EVENT.encode(succeeded));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> "SUCCEEDED".equals(g.as(KEY).get("/v1/jobs/" + done).jsonPath().getString("state")));
            assertThat(g.as(KEY).get("/v1/jobs/" + done + "/result").statusCode()).isEqualTo(200);

            // S3 unreachable.
            relay.cut();
            byte[] large = noisePng(400, 400);
            assertThat(large.length).as("a stored (not inline) input").isGreaterThan(262_144);
            timed503("S3 down: submit of a stored input", "STORAGE_UNAVAILABLE", () -> submit(g, MODEL, large));
            timed503("S3 down: submit with a model not looked up yet", "STORAGE_UNAVAILABLE",
                    () -> submit(g, OTHER_MODEL, TestImages.png(16, 16)));
            timed503("S3 down: result download", "STORAGE_UNAVAILABLE", () -> g.as(KEY).get("/v1/jobs/" + done + "/result"));
            Response read = g.as(KEY).get("/v1/jobs/" + done);
            assertThat(read.statusCode()).as("job state is in memory").isEqualTo(200);

            // Broker stopped (S3 with it: the whole stack). A small input with the cached model needs no S3.
            stack.close();
            timed503("Kafka down: submit", "ENQUEUE_FAILED", () -> submit(g, MODEL, TestImages.png(16, 16)));
            // Within Retry-After of that failure the breaker refuses at once: no second wait for Kafka.
            Duration refused = timed503("Kafka down: the next submit (breaker open)", "ENQUEUE_FAILED",
                    () -> submit(g, MODEL, TestImages.png(16, 16)));
            assertThat(refused).as("refused without waiting for Kafka").isLessThan(ENQUEUE_TIMEOUT);
            timed503("Kafka down: cancel", "ENQUEUE_FAILED", () -> g.as(KEY).delete("/v1/jobs/" + accepted.jsonPath().getString("id")));
        } finally {
            if (gateway != null) {
                gateway.kill();
            }
            relay.close();
            stack.close();
        }
    }

    /** Random pixels: a PNG that does not compress, so it is larger than the inline-input limit. */
    private static byte[] noisePng(int width, int height) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(15);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return TestImages.encode(img, "png");
    }

    private static Response submit(GatewayProcess g, String model, byte[] png) {
        RequestSpecification r = g.as(KEY).multiPart("image", "photo.png", png, "image/png")
                .multiPart("task", "super-resolve").multiPart("model", model);
        return r.post("/v1/jobs");
    }

    private static Duration timed503(String what, String code, Supplier<Response> call) {
        long t0 = System.nanoTime();
        Response r = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("outage-it: %s -> %d %s in %d ms (Retry-After %s)%n", what, r.statusCode(),
                r.jsonPath().getString("error.code"), took.toMillis(), r.header("Retry-After"));
        assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(503);
        assertThat(r.jsonPath().getString("error.code")).as(what).isEqualTo(code);
        assertThat(r.jsonPath().getString("error.requestId")).as(what).isNotBlank();
        assertThat(r.header("Retry-After")).as(what).isEqualTo(Long.toString(RETRY_AFTER.toSeconds()));
        assertThat(took).as(what).isLessThan(QUICK);
        return took;
    }
}
