package dev.stylefleet.bench.infer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.infer.model.BicubicModel;
import dev.stylefleet.infer.pipeline.InferenceSettings;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FlopCounter;
import dev.stylefleet.train.net.NetOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' cores on tiny inputs, so they keep compiling and running: the {@code style}
 * network at an eighth of its width through the real export, timed bare and through the worker's
 * path at 32 x 32, and the bicubic model of the super-resolution speed benchmark at 16 x 16.
 */
class InferBenchmarkSmokeTest {
    private static final int THREADS = 1;

    @Test
    void timesTheExportedTransformerNetBareAndThroughTheWorkerPath() throws Exception {
        NetOptions options = NetOptions.PAPER.withWidth(0.125);
        StyleNetwork net = StyleNetwork.export(ArchSpec.preset("style"), options, 7);
        assertThat(net.onnx().length).isGreaterThan(1000);
        assertThat(net.flops(32, 32)).isEqualTo(FlopCounter.count(ArchSpec.preset("style"), options, 32, 32));
        assertThat(net.describe()).startsWith("c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3");

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (LoadedModel model = InferBenchmark.load(env, net, THREADS);
                OrtSession bare = InferBenchmark.bareSession(env, net.onnx(), THREADS)) {
            double[] bareMs = InferBenchmark.timeBare(env, bare, 32, 1, 2);
            assertThat(bareMs).hasSize(2);
            assertThat(InferBenchmark.median(bareMs)).isPositive();
            double[] workerMs = InferBenchmark.timeWorker(model, InferenceSettings.defaults(), 32, 2, 1);
            assertThat(workerMs).hasSize(1);
            assertThat(workerMs[0]).isPositive();
            double[] throughput = InferBenchmark.throughput(model, 32, 2, 4, Duration.ofMillis(1), 2);
            assertThat(throughput[0]).as("images/s").isPositive();
        }
    }

    @Test
    void timesABicubicModelAsTheSuperResolutionSpeedBenchmarkDoes() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = InferBenchmark.bareSession(env, BicubicModel.build(4), THREADS)) {
            double[] ms = InferBenchmark.timeBare(env, s, 16, 1, 3);
            assertThat(InferBenchmark.median(ms)).isPositive().isLessThanOrEqualTo(InferBenchmark.p95(ms));
        }
    }
}
