package dev.stylefleet.infer.builtin;

import dev.stylefleet.runtime.JobStageListener;
import dev.stylefleet.infer.QuietLogs;
import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.messaging.ConsumerGroups;
import dev.stylefleet.infer.messaging.InferWorker;
import dev.stylefleet.infer.messaging.InferWorkerConfig;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.InferencePipeline;
import dev.stylefleet.infer.pipeline.InferenceSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in style gallery against a real Kafka broker and S3 server: a worker start publishes the
 * styles of a built-in root (here a generated directory of tiny random-weight networks, as
 * {@code stylefleet.infer.builtin-root} lets tests choose) with card, preview and notice, warms their
 * sessions, and a stylize job naming a built-in id succeeds with exactly that network's output.
 */
class BuiltinGalleryIT {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String TENANT = "gallery-tenant";

    @TempDir
    Path dir;

    @Test
    void aWorkerStartPublishesAndWarmsTheBuiltinStylesAndAJobOnOneSucceeds() throws Exception {
        QuietLogs.apply();
        LocalStack stack = LocalStack.shared();
        ObjectStore store = stack.objectStore();
        Buckets.ALL.forEach(store::ensureBucket);
        ModelRegistry registry = new ModelRegistry(store);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String a = "gallery-a-" + suffix;
        String b = "gallery-b-" + suffix;
        Path root = GeneratedBuiltins.writeStyles(dir.resolve("builtin"), List.of(a, b),
                StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 7));
        BuiltinAssets assets = BuiltinAssets.at(root.toString());
        // Style b ships an int8 variant with its gate figures (here another tiny net: what is published is the
        // question); a, which the job below runs, has none, so the job runs fp32 on any CPU.
        byte[] int8 = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 70));
        Files.write(root.resolve("styles/" + b + "/" + BuiltinModels.INT8_MODEL), int8);
        Files.write(root.resolve("styles/" + b + "/" + BuiltinModels.INT8_FIGURES), Messages.JSON.writeValueAsBytes(
                new Int8Variant("0".repeat(64), 1, "test photos", 7, 38.0, 41.5, 39.25, null, null, null, null)));

        BuiltinModels.Published first = BuiltinModels.publishAll(registry, store, assets);
        assertThat(first.all()).extracting(ModelManifest::modelId).containsSubsequence("bicubic-x4", "bicubic-x8", a, b);
        assertThat(first.written()).extracting(ModelManifest::modelId).contains(a, b);
        ModelManifest m = registry.latest(a).orElseThrow();
        assertThat(m.task()).isEqualTo(InferJobRequested.TASK_STYLIZE);
        assertThat(m.scale()).isEqualTo(1);
        assertThat(m.tenant()).as("built-in: every tenant's").isNull();
        assertThat(m.version()).isEqualTo(BuiltinModels.VERSION);
        assertThat(m.sha256()).isEqualTo(ModelRegistry.sha256(Files.readAllBytes(root.resolve("styles/" + a + "/model.onnx"))));
        assertThat(m.options()).containsEntry("name", "Generated " + a).containsEntry("artist", "Test Artist 0")
                .containsEntry("builtin", BuiltinModels.FAMILY_STYLES)
                .containsEntry("notice", ObjectKeys.modelNotice(GeneratedBuiltins.NOTICE))
                .containsKey("previewSha256").containsKey("licence");
        ModelManifest mb = registry.latest(b).orElseThrow();
        assertThat(mb.int8()).as("the shipped variant, its own sha256 and size, the shipped figures")
                .isEqualTo(new Int8Variant(ModelRegistry.sha256(int8), int8.length, "test photos", 7, 38.0, 41.5, 39.25,
                        null, null, null, null));
        assertThat(registry.downloadInt8(mb)).isEqualTo(int8);
        assertThat(m.int8()).isNull();
        byte[] preview = store.get(Buckets.MODELS, ObjectKeys.modelPreview(a, BuiltinModels.VERSION));
        assertThat(preview).isEqualTo(Files.readAllBytes(root.resolve("styles/" + a + "/preview.jpg")));
        assertThat(ModelRegistry.sha256(preview)).isEqualTo(m.options().get("previewSha256"));
        assertThat(new String(store.get(Buckets.MODELS, ObjectKeys.modelCard(a, BuiltinModels.VERSION))))
                .contains("\"id\": \"" + a + "\"");
        assertThat(store.exists(Buckets.MODELS, ObjectKeys.modelNotice(GeneratedBuiltins.NOTICE))).isTrue();

        // A second start finds everything in place and writes nothing; a changed model is republished.
        assertThat(BuiltinModels.publishAll(registry, store, assets).written()).extracting(ModelManifest::modelId)
                .doesNotContain(a, b);
        Files.write(root.resolve("styles/" + b + "/model.onnx"),
                StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 99)));
        BuiltinModels.Published changed = BuiltinModels.publishAll(registry, store, assets);
        assertThat(changed.written()).extracting(ModelManifest::modelId).containsExactly(b);

        // The service's order: publish, warm what the default policy selects, then take jobs.
        String group = ConsumerGroups.uniqueName("gallery-it");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConsumerGroups.createAtEnd(admin, group);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InferWorker worker = new InferWorker(InferWorkerConfig.of(Map.of("stylefleet.kafka.bootstrap-servers",
                stack.kafkaBootstrapServers(), "stylefleet.infer.group-id", group, "stylefleet.infer.worker-id",
                "gallery-" + suffix, "stylefleet.infer.threads", "1")), store, registry, JobStageListener.NONE,
                new InferMetrics(meters));
        List<ModelManifest> toWarm = WarmPolicy.DEFAULT.select(changed.all());
        assertThat(toWarm).extracting(ModelManifest::modelId).containsExactly(a, b);
        List<InferWorker.Warmed> warmed = worker.warm(toWarm, 64);
        assertThat(warmed).allSatisfy(w -> assertThat(w.error()).isNull());
        double missesAfterWarm = meters.counter("stylefleet.infer.model.cache", "result", "miss").count();
        assertThat(missesAfterWarm).as("warming loaded one session per model").isEqualTo(2.0);

        BufferedImage input = TestImages.gradientWithNoise(37, 23, 5);
        byte[] png = TestImages.png(input);
        String jobId = "gallery-job-" + suffix;
        try (JobEventTap tap = new JobEventTap(stack.kafkaBootstrapServers());
                KafkaProducer<String, byte[]> producer = producer(stack)) {
            worker.start();
            store.put(Buckets.DATA, ObjectKeys.input(TENANT, jobId), png, "image/png");
            producer.send(new ProducerRecord<>(Topics.INFER_JOBS, Topics.key(jobId), Messages.INFER_JOB_REQUESTED.encode(
                    new InferJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT, InferJobRequested.TASK_STYLIZE, a,
                            ObjectKeys.input(TENANT, jobId), "png", InferOptions.defaults(), Instant.now()))))
                    .get(10, TimeUnit.SECONDS);
            List<JobEvent> events = await().atMost(DEADLINE).pollInSameThread().until(() -> tap.terminal(jobId), e -> e != null);
            assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.SUCCEEDED);
            JobEvent.Result result = events.get(1).result();
            assertThat(result.width()).isEqualTo(37);
            assertThat(result.height()).isEqualTo(23);
            assertThat(meters.counter("stylefleet.infer.model.cache", "result", "miss").count())
                    .as("the job found the warmed session").isEqualTo(missesAfterWarm);

            // Exactly the built-in's network: the same pipeline run here on the published bytes gives the same image.
            byte[] onnx = Files.readAllBytes(root.resolve("styles/" + a + "/model.onnx"));
            LoadedModel local = LoadedModel.load(OrtEnvironment.getEnvironment(), m, onnx, 1);
            try {
                InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults(), 1L << 26, InferMetrics.NONE);
                byte[] expected = pipeline.run(png, local, true, InferOptions.defaults(), "png").encoded().bytes();
                BufferedImage want = ImageDecoder.decode(expected);
                BufferedImage got = ImageDecoder.decode(store.get(Buckets.DATA, result.key()));
                int maxDiff = 0;
                for (int y = 0; y < 23; y++) {
                    for (int x = 0; x < 37; x++) {
                        int p = want.getRGB(x, y);
                        int q = got.getRGB(x, y);
                        for (int shift = 0; shift <= 16; shift += 8) {
                            maxDiff = Math.max(maxDiff, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                        }
                    }
                }
                assertThat(maxDiff).as("8-bit levels from the local run of the same network").isLessThanOrEqualTo(1);
            } finally {
                local.release();
            }
        } finally {
            worker.stop(Duration.ofSeconds(30));
        }
    }

    static KafkaProducer<String, byte[]> producer(LocalStack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
