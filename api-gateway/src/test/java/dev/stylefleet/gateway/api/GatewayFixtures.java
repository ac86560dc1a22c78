package dev.stylefleet.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.KafkaProbe;
import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.platform.storage.ModelRegistry;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the gateway ITs share: the stack, a model registry with test models, request builders. */
final class GatewayFixtures {
    static final String SR_MODEL = "bicubic-x4";
    static final String STYLE_MODEL = "test-style-mosaic";
    /** Belongs to the other tenant: invisible to {@code local}. */
    static final String PRIVATE_MODEL = "other-private-sr";

    private static KafkaProbe kafka;

    private GatewayFixtures() {}

    static LocalStack stack() {
        return LocalStack.shared();
    }

    static synchronized KafkaProbe kafka() {
        if (kafka == null) {
            kafka = new KafkaProbe(stack().kafkaBootstrapServers());
        }
        return kafka;
    }

    /** Registers the test models. The gateway never runs a model, so any bytes will do. */
    static void registerModels() {
        ModelRegistry registry = new ModelRegistry(stack().objectStore());
        byte[] notReallyOnnx = "placeholder model bytes".getBytes(StandardCharsets.UTF_8);
        registry.publish(SR_MODEL, "1", InferJobRequested.TASK_SUPER_RESOLVE, 4, "bicubic", notReallyOnnx, null, null, Map.of());
        registry.publish(STYLE_MODEL, "1", InferJobRequested.TASK_STYLIZE, 1, "transformer-net", notReallyOnnx, null, null, Map.of());
        registry.publish(PRIVATE_MODEL, "1", InferJobRequested.TASK_SUPER_RESOLVE, 4, "bicubic", notReallyOnnx, null,
                LocalStackResource.OTHER_TENANT, Map.of());
    }

    /** Until the gateway has loaded job state; before that a missing job answers 503, not 404. */
    static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> dev.stylefleet.gateway.ManagementPort.given().get("/q/health/ready").statusCode() == 200);
    }

    static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey);
    }

    /** A complete, valid submission except for what the caller overrides. */
    static RequestSpecification upload(String apiKey, String fileName, byte[] image, String contentType) {
        return as(apiKey).multiPart("image", fileName, image, contentType);
    }

    /** A request's input image: inline in the message, or the stored object its key names. */
    static byte[] input(dev.stylefleet.schemas.InferJobRequested request) {
        return request.inputBytes() != null ? request.inputBytes()
                : stack().objectStore().get(dev.stylefleet.schemas.Buckets.DATA, request.inputKey());
    }

    static List<String> inputKeys() {
        return stack().objectStore().list(Buckets.DATA, "inputs/");
    }
}
