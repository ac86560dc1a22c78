package dev.stylefleet.platform.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link QuantizationGate} passes a good int8 model, refuses a broken one; {@link ImagePsnr}'s arithmetic. */
class Int8QuantizationGateTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void acceptsAGoodQuantizationAndRefusesOneWithFarTooNarrowRanges() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(21);
        QuantizationSettings settings = QuantizationSettings.defaults();
        List<NchwImage> calibration = List.of(TinyStyleNet.smoothImage(32, 32, 1), TinyStyleNet.smoothImage(32, 32, 2),
                TinyStyleNet.smoothImage(32, 32, 3));
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(fp32.toByteArray(), calibration);
        Int8Quantizer q = new Int8Quantizer(settings);
        byte[] good = q.quantize(fp32, ranges, "").toByteArray();
        byte[] broken = q.quantize(fp32, ranges.scaled(0.02f), "").toByteArray();
        List<NchwImage> held = List.of(TinyStyleNet.smoothImage(40, 40, 7), TinyStyleNet.smoothImage(40, 40, 8));

        QuantizationGate gate = new QuantizationGate(ENV);
        GateFigures ok = gate.compare(fp32.toByteArray(), good, held);
        assertThat(ok.images()).isEqualTo(2);
        assertThat(ok.minPsnrDb()).isLessThanOrEqualTo(ok.meanPsnrDb());
        assertThat(ok.passes(35)).as("%s", ok).isTrue();
        GateFigures bad = gate.compare(fp32.toByteArray(), broken, held);
        assertThat(bad.passes(35)).as("%s", bad).isFalse();
        assertThat(bad.meanPsnrDb()).isLessThan(ok.meanPsnrDb() - 10);
        assertThat(gate.compare(fp32.toByteArray(), fp32.toByteArray(), held).meanPsnrDb()).isEqualTo(ImagePsnr.CAP_DB);
    }

    @Test
    void groundTruthFiguresMeasureWhatInt8Loses() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(22);
        QuantizationSettings settings = QuantizationSettings.defaults();
        List<NchwImage> images = List.of(TinyStyleNet.smoothImage(32, 32, 1), TinyStyleNet.smoothImage(32, 32, 2));
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(fp32.toByteArray(), images);
        byte[] broken = new Int8Quantizer(settings).quantize(fp32, ranges.scaled(0.02f), "").toByteArray();
        // Ground truth: the float32 outputs themselves, so float32 scores the cap and int8 loses.
        List<NchwImage> truth = List.of(
                new NchwImage(TinyStyleNet.run(ENV, fp32.toByteArray(), images.get(0)), 32, 32),
                new NchwImage(TinyStyleNet.run(ENV, fp32.toByteArray(), images.get(1)), 32, 32));
        GroundTruthFigures f = new QuantizationGate(ENV).compareWithGroundTruth(fp32.toByteArray(), broken, images, truth);
        assertThat(f.fp32PsnrDb()).isEqualTo(ImagePsnr.CAP_DB);
        assertThat(f.lossDb()).isGreaterThan(10);
        assertThat(f.passes(0.05)).isFalse();
        assertThat(new GroundTruthFigures(30.00, 29.96, 3).passes(0.05)).isTrue();
    }

    @Test
    void psnrOfKnownErrors() {
        float[] a = {0, 100, 200, 255};
        float[] b = {1, 99, 201, 254};
        // MSE 1: 10 log10(255^2).
        assertThat(ImagePsnr.psnr(a, b, 255)).isCloseTo(48.1308, within(1e-3));
        assertThat(ImagePsnr.psnr(a, a, 255)).isInfinite();
        assertThat(ImagePsnr.cappedPsnr(a, a, 255)).isEqualTo(ImagePsnr.CAP_DB);
        assertThat(ImagePsnr.psnr(new float[] {0, 0}, new float[] {0, 2}, 1)).isCloseTo(-3.0103, within(1e-3));
    }
}
