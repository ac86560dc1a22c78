package dev.stylefleet.infer.model;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.MicroBatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The model-interface checks and the session cache, against real ONNX Runtime sessions. */
class LoadedModelTest {
    final OrtEnvironment env = OrtEnvironment.getEnvironment();

    @Test
    void runsAConformingModelAndReturnsTheScaledShape() {
        byte[] onnx = BicubicModel.build(4);
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("bicubic-x4", "1", 4, onnx), onnx, 1)) {
            LoadedModel.Output out = model.run(new float[3 * 5 * 7], 5, 7);
            assertThat(out.shape()).containsExactly(1, 3, 20, 28);
            assertThat(out.values()).hasSize(3 * 20 * 28);
        }
    }

    @Test
    void feedsTheImageByTheInputsOwnName() {
        byte[] onnx = TinyModels.identity("input.1");
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("renamed", "1", 1, onnx), onnx, 1)) {
            assertThat(model.inputName()).isEqualTo("input.1");
            assertThat(model.batchable()).isTrue();
            float[] in = {1, 2, 3};
            assertThat(model.run(in, 1, 1).values()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aModelWhoseFileFixesTheBatchAtOneIsNeverBatched() throws Exception {
        byte[] onnx = TinyModels.fixedIdentity(4, 4);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        // A window long enough that two concurrent calls would surely meet in one batch.
        MicroBatcher batcher = new MicroBatcher(java.time.Duration.ofMillis(300), 4, new InferMetrics(meters));
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("fixed-n", "1", 1, onnx), onnx, 1)) {
            assertThat(model.batchable()).isFalse();
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = two.submit(() -> batcher.run(model, new float[48], 4, 4));
                var b = two.submit(() -> batcher.run(model, new float[48], 4, 4));
                assertThat(a.get()).hasSize(48);
                assertThat(b.get()).hasSize(48);
            } finally {
                two.shutdown();
            }
        }
        assertThat(meters.find("stylefleet.infer.batch.size").summary().max()).isEqualTo(1);
    }

    @Test
    void refusesAModelOutsideTheInterfaceNamingItAndThePart() {
        byte[] onnx = TinyModels.fixedIdentity(64, 0);
        assertThatThrownBy(() -> LoadedModel.load(env, TinyModels.manifest("half-fixed", "1", 1, onnx), onnx, 1))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.MODEL_INVALID))
                .hasMessageContaining("half-fixed/1").hasMessageContaining("input: ")
                .hasMessageContaining("both fixed or both dynamic");
    }

    @Test
    void refusesBytesThatAreNoModel() {
        byte[] junk = "not an onnx file".getBytes();
        assertThatThrownBy(() -> LoadedModel.load(env, TinyModels.manifest("junk", "1", 1, junk), junk, 1))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.MODEL_INVALID))
                .hasMessageContaining("cannot be loaded");
    }

    @Test
    void refusesAnOutputThatDoesNotMatchTheManifestScale() {
        // The file upsamples x4 but the manifest claims x2: the result would be mislabelled.
        byte[] onnx = BicubicModel.build(4);
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("liar", "1", 2, onnx), onnx, 1)) {
            assertThatThrownBy(() -> model.run(new float[3 * 4 * 4], 4, 4))
                    .isInstanceOfSatisfying(JobFailure.class,
                            f -> assertThat(f.code()).isEqualTo(ErrorCode.MODEL_INVALID))
                    .hasMessageContaining("[1, 3, 8, 8]").hasMessageContaining("[1, 3, 16, 16]");
        }
    }

    @Test
    void cachesSessionsPerVersionAndHashAndEvictsTheLeastRecentlyUsed() {
        byte[] x4 = BicubicModel.build(4);
        byte[] x8 = BicubicModel.build(8);
        AtomicInteger loads = new AtomicInteger();
        try (ModelSessions sessions = new ModelSessions(env, 1, 2)) {
            var a = TinyModels.manifest("m", "1", 4, x4);
            LoadedModel first = sessions.get(a, () -> { loads.incrementAndGet(); return x4; });
            assertThat(sessions.get(a, () -> { loads.incrementAndGet(); return x4; })).isSameAs(first);
            assertThat(loads).hasValue(1);

            // Same id and version, other bytes (republished): a new session, not the stale one.
            var b = TinyModels.manifest("m", "1", 8, x8);
            assertThat(sessions.get(b, () -> { loads.incrementAndGet(); return x8; })).isNotSameAs(first);
            assertThat(loads).hasValue(2);

            // A third entry evicts the least recently used (a).
            sessions.get(TinyModels.manifest("n", "1", 4, x4), () -> { loads.incrementAndGet(); return x4; });
            assertThat(sessions.size()).isEqualTo(2);
            sessions.get(a, () -> { loads.incrementAndGet(); return x4; });
            assertThat(loads).hasValue(4);
        }
    }

    @Test
    void theCacheIsBoundedByModelBytesAndCountsHitsAndMisses() {
        byte[] x4 = BicubicModel.build(4);
        byte[] x8 = BicubicModel.build(8);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        // Room for the larger file plus a little: never both.
        long bound = Math.max(x4.length, x8.length) + 10;
        try (ModelSessions sessions = new ModelSessions(env, 1, ExecutionDevice.CPU, bound, 100,
                new InferMetrics(meters))) {
            var a = TinyModels.manifest("a", "1", 4, x4);
            var b = TinyModels.manifest("b", "1", 8, x8);
            sessions.get(a, () -> x4).release();
            sessions.get(a, () -> x4).release();
            assertThat(sessions.size()).isEqualTo(1);
            LoadedModel held = sessions.get(b, () -> x8);
            assertThat(sessions.size()).as("a evicted by bytes").isEqualTo(1);
            assertThat(sessions.bytes()).isEqualTo(x8.length);
            // An evicted session still held by a job keeps working until released.
            LoadedModel heldA = sessions.get(a, () -> x4);
            assertThat(held.run(new float[3 * 2 * 2], 2, 2).shape()).containsExactly(1, 3, 16, 16);
            held.release();
            heldA.release();
            assertThat(meters.counter("stylefleet.infer.model.cache", "result", "hit").count()).isEqualTo(1);
            assertThat(meters.counter("stylefleet.infer.model.cache", "result", "miss").count()).isEqualTo(3);
        }
    }

    @Test
    void cudaRequestedOnAMachineWithoutItFallsBackToCpuAndStillRuns() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
                "this machine has CUDA; the fallback path is for CPU-only machines");
        byte[] onnx = BicubicModel.build(4);
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("gpu", "1", 4, onnx), onnx, 1,
                ExecutionDevice.CUDA)) {
            assertThat(model.device()).isEqualTo("cpu");
            assertThat(ExecutionDevice.fallbackLogged()).isTrue();
            assertThat(model.run(new float[3 * 4 * 4], 4, 4).shape()).containsExactly(1, 3, 16, 16);
        }
        assertThatThrownBy(() -> ExecutionDevice.parse("tpu")).hasMessageContaining("stylefleet.infer.device")
                .hasMessageContaining("auto, cpu, cuda");
    }
}
