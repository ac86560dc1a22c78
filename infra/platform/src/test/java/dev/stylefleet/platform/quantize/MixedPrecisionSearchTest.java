package dev.stylefleet.platform.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MixedPrecisionSearch} keeps the most damaging layers float32 until a threshold all-int8 fails is met. */
class MixedPrecisionSearchTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void keepsTheMostDamagingLayerFloatUntilTheTargetIsReached() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(31);
        byte[] bytes = fp32.toByteArray();
        List<NchwImage> calibration = List.of(TinyStyleNet.smoothImage(32, 32, 1), TinyStyleNet.smoothImage(32, 32, 2),
                TinyStyleNet.smoothImage(32, 32, 3));
        QuantizationSettings base = QuantizationSettings.defaults();
        MixedPrecisionSearch search = new MixedPrecisionSearch(ENV);

        // A target the all-int8 model reaches: nothing is kept float.
        MixedPrecisionSearch.Result easy = search.search(bytes, base, calibration, 10, "test");
        assertThat(easy.reached()).isTrue();
        assertThat(easy.floatNodes()).isEmpty();
        assertThat(easy.int8Nodes()).hasSize(4);

        // A target 1.5 dB above what the all-int8 model reaches: the search must keep layers float.
        double target = easy.allInt8().meanPsnrDb() + 1.5;
        MixedPrecisionSearch.Result r = search.search(bytes, base, calibration, target, "test");
        assertThat(r.allInt8().passes(target)).isFalse();
        assertThat(r.reached()).as("%s", r.chosen()).isTrue();
        assertThat(r.chosen().meanPsnrDb()).isGreaterThanOrEqualTo(target);
        assertThat(r.sensitivities()).hasSize(4);
        assertThat(r.floatNodes()).isNotEmpty();
        // The first layer kept float is the one whose quantization alone costs the most.
        assertThat(r.floatNodes().get(0)).isEqualTo(r.sensitivities().get(0).node());
        assertThat(r.settings().excludedNodes()).containsExactlyInAnyOrderElementsOf(r.floatNodes());
        assertThat(r.int8Nodes()).doesNotContainAnyElementsOf(r.floatNodes());
        if (!r.int8Nodes().isEmpty()) {
            // The returned model is what the figures say: re-measured independently.
            GateFigures again = new QuantizationGate(ENV).compare(bytes, r.model(), calibration);
            assertThat(again.meanPsnrDb()).isEqualTo(r.chosen().meanPsnrDb());
            assertThat(new Int8Quantizer(r.settings()).quantizedNodes(fp32,
                    new ActivationCalibrator(ENV, r.settings()).calibrate(bytes, calibration))).isEqualTo(r.int8Nodes());
        }
        System.out.println("all int8 " + r.allInt8() + ", chosen " + r.chosen() + ", float " + r.floatNodes() + ", "
                + r.sensitivities());
    }
}
