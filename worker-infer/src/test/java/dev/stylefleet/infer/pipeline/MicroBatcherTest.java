package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.TinyModels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batching of concurrent runs, against a real ONNX Runtime session (an identity model). */
class MicroBatcherTest {
    /** So long that a test finishing at all shows the window was not waited out. */
    static final Duration LONG_WINDOW = Duration.ofMinutes(10);

    final OrtEnvironment env = OrtEnvironment.getEnvironment();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void concurrentCallersOfOneModelAndSizeRunAsOneBatchAndEachGetsItsOwnSlice() throws Exception {
        byte[] onnx = TinyModels.identity("image");
        MicroBatcher batcher = new MicroBatcher(LONG_WINDOW, 3, new InferMetrics(meters));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("id", "1", 1, onnx), onnx, 1)) {
            Future<float[]>[] out = new Future[3];
            for (int i = 0; i < 3; i++) {
                float v = i + 1;
                out[i] = pool.submit(() -> batcher.run(model, filled(v), 2, 2));
            }
            // The batch is full at 3 callers: it runs then, not after the window.
            for (int i = 0; i < 3; i++) {
                assertThat(out[i].get(60, TimeUnit.SECONDS)).containsOnly(i + 1f);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(meters.find("stylefleet.infer.batch.size").summary().max()).isEqualTo(3);
    }

    @Test
    void aJobAloneOnTheWorkerDoesNotWaitForCompany() throws Exception {
        byte[] onnx = TinyModels.identity("image");
        MicroBatcher batcher = new MicroBatcher(LONG_WINDOW, 8, new InferMetrics(meters));
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("id", "1", 1, onnx), onnx, 1);
                MicroBatcher.Job job = batcher.job()) {
            // Two model runs (two tiles, say) of the only job: each runs at once.
            assertThat(batcher.run(model, filled(5), 2, 2)).containsOnly(5f);
            assertThat(batcher.run(model, filled(6), 2, 2)).containsOnly(6f);
        }
        assertThat(meters.find("stylefleet.infer.batch.size").summary().max()).isEqualTo(1);
    }

    @Test
    void twoJobsUnderWayMeetInOneBatchAndALeaderStopsWaitingWhenTheOtherJobEnds() throws Exception {
        byte[] onnx = TinyModels.identity("image");
        MicroBatcher batcher = new MicroBatcher(LONG_WINDOW, 8, new InferMetrics(meters));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LoadedModel model = LoadedModel.load(env, TinyModels.manifest("id", "1", 1, onnx), onnx, 1)) {
            MicroBatcher.Job a = batcher.job();
            MicroBatcher.Job b = batcher.job();
            Future<float[]> first = pool.submit(() -> batcher.run(model, filled(1), 2, 2));
            Future<float[]> second = pool.submit(() -> batcher.run(model, filled(2), 2, 2));
            // Both jobs are in the batch: it runs without waiting out the window.
            assertThat(first.get(60, TimeUnit.SECONDS)).containsOnly(1f);
            assertThat(second.get(60, TimeUnit.SECONDS)).containsOnly(2f);
            assertThat(meters.find("stylefleet.infer.batch.size").summary().max()).isEqualTo(2);

            // Job a runs again while b is still registered: it waits for b, until b ends.
            CountDownLatch started = new CountDownLatch(1);
            Future<float[]> waiting = pool.submit(() -> {
                started.countDown();
                return batcher.run(model, filled(3), 2, 2);
            });
            started.await();
            assertThat(waiting.isDone()).isFalse();
            b.close();
            assertThat(waiting.get(60, TimeUnit.SECONDS)).containsOnly(3f);
            a.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] filled(float v) {
        float[] x = new float[3 * 2 * 2];
        java.util.Arrays.fill(x, v);
        return x;
    }
}
