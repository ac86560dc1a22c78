package dev.stylefleet.infer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.infer.QuietLogs;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.CpuFeatures;
import dev.stylefleet.infer.model.ModelSessions;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code precision} end to end against a real S3 server and ONNX Runtime: a model published with an int8
 * variant ({@link ModelRegistry#publishInt8}), jobs asking fp32, int8 and auto on CPUs with and without
 * int8 dot-product instructions. The variant here is a second network with other weights (what the worker
 * runs is the question, not how the variant was made; the quantizer has its own tests), so the output
 * tells which file ran.
 */
class InferPrecisionIT {
    static final CpuFeatures VNNI = CpuFeatures.parse("model name : test\nflags : avx2 avx512f avx512_vnni\n");
    static final CpuFeatures AVX2 = CpuFeatures.parse("model name : test\nflags : avx2 fma\n");

    @Test
    void eachJobRunsTheVariantItsPrecisionChoosesAndSaysWhy() throws Exception {
        QuietLogs.apply();
        ObjectStore store = LocalStack.shared().objectStore();
        Buckets.ALL.forEach(store::ensureBucket);
        ModelRegistry registry = new ModelRegistry(store);
        String id = "precision-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] fp32 = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 7));
        byte[] variant = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 8));
        ModelManifest m = registry.publish(id, "1", InferJobRequested.TASK_STYLIZE, 1, "tiny", fp32, null, null,
                Map.of());
        ModelManifest withInt8 = registry.publishInt8(m, variant, new Int8Variant("0".repeat(64), 1, "test", 1,
                38.0, 40.0, 40.0, null, null, null, null));
        assertThat(withInt8.int8().sha256()).isEqualTo(ModelRegistry.sha256(variant));
        assertThat(registry.latest(id).orElseThrow().int8()).isEqualTo(withInt8.int8());
        assertThat(registry.downloadInt8(withInt8)).isEqualTo(variant);

        byte[] png = TestImages.png(TestImages.gradientWithNoise(29, 19, 3));
        try (ModelSessions sessions = new ModelSessions(OrtEnvironment.getEnvironment(), 1, 8)) {
            InferJobProcessor onVnni = processor(store, registry, sessions, VNNI);
            InferJobProcessor onAvx2 = processor(store, registry, sessions, AVX2);

            JobEvent.Result asFp32 = onVnni.process(job(id, png, "fp32")).result();
            JobEvent.Result asInt8 = onAvx2.process(job(id, png, "int8")).result();
            JobEvent.Result autoVnni = onVnni.process(job(id, png, null)).result();
            JobEvent.Result autoAvx2 = onAvx2.process(job(id, png, "auto")).result();

            assertThat(asFp32.precision()).isEqualTo(new JobEvent.Precision("fp32", "requested fp32"));
            assertThat(asInt8.precision()).isEqualTo(new JobEvent.Precision("int8", "requested int8"));
            assertThat(autoVnni.precision()).isEqualTo(new JobEvent.Precision("int8",
                    "auto: the model has an int8 variant and the CPU has avx512_vnni"));
            assertThat(autoAvx2.precision().used()).isEqualTo("fp32");
            assertThat(autoAvx2.precision().reason()).contains("no int8 dot-product instructions");
            assertThat(sessions.size()).as("both files cached side by side").isEqualTo(2);

            // Which file ran shows in the pixels: the int8 jobs agree with each other, not with fp32.
            // (Every job of this test has its own id, so each result key is its own.)
            assertThat(pixels(store, autoVnni)).isEqualTo(pixels(store, asInt8));
            assertThat(pixels(store, autoAvx2)).isEqualTo(pixels(store, asFp32));
            assertThat(pixels(store, asInt8)).isNotEqualTo(pixels(store, asFp32));

            // A model without a variant: int8 fails the job, auto runs fp32.
            String plain = id + "-plain";
            registry.publish(plain, "1", InferJobRequested.TASK_STYLIZE, 1, "tiny", fp32, null, null, Map.of());
            assertThatThrownBy(() -> onVnni.process(job(plain, png, "int8"))).isInstanceOf(JobFailure.class)
                    .satisfies(e -> assertThat(((JobFailure) e).code()).isEqualTo(ErrorCode.INVALID_OPTIONS));
            assertThat(onVnni.process(job(plain, png, null)).result().precision())
                    .isEqualTo(new JobEvent.Precision("fp32", "auto: the model has no int8 variant"));
        }
    }

    private static InferJobProcessor processor(ObjectStore store, ModelRegistry registry, ModelSessions sessions,
            CpuFeatures cpu) {
        return new InferJobProcessor(store, registry, sessions, 1L << 24,
                InferenceSettings.defaults().withBatching(Duration.ZERO, 1), InferMetrics.NONE, Duration.ZERO, cpu);
    }

    private static InferJobRequested job(String model, byte[] png, String precision) {
        InferOptions options = new InferOptions(null, null, null, null, null, precision);
        return new InferJobRequested(Messages.SCHEMA_VERSION, "job-" + UUID.randomUUID(), "precision-tenant",
                InferJobRequested.TASK_STYLIZE, model, null, "png", options, Instant.now(), png);
    }

    private static int[] pixels(ObjectStore store, JobEvent.Result result) {
        BufferedImage image = ImageDecoder.decode(store.get(Buckets.DATA, result.key()));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
