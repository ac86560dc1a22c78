package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.KafkaProbe;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.restassured.specification.RequestSpecification;

/** {@link GatewayFixtures} for ITs in other packages. */
public final class JobApiITSupport {
    private JobApiITSupport() {}

    public static void registerModels() {
        GatewayFixtures.registerModels();
    }

    public static void awaitReady() {
        GatewayFixtures.awaitReady();
    }

    public static KafkaProbe kafka() {
        return GatewayFixtures.kafka();
    }

    public static RequestSpecification as(String apiKey) {
        return GatewayFixtures.as(apiKey);
    }

    /** A valid super-resolve submission; add fields before posting. */
    public static RequestSpecification submitter(String apiKey) {
        return GatewayFixtures.upload(apiKey, "photo.png", TestImages.png(16, 16), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", GatewayFixtures.SR_MODEL);
    }

    public static void send(JobEvent e) throws Exception {
        kafka().send(Topics.JOB_EVENTS, e.jobId(), Messages.JOB_EVENT.encode(e));
    }
}
