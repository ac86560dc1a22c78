package dev.stylefleet.train.export;

import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.train.net.FloatTensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The export writes TensorFlow's SAME padding of a stride-2 convolution as
 * {@code auto_pad=SAME_UPPER}. Inside the net the input of a stride-2 layer is always even (the input
 * is padded to a multiple of the downsampling factor), so the parity tests only see the even case,
 * total padding 1 at the bottom/right; here a single convolution checks odd sizes too (total 2 for
 * k=3, one each side; 8 for k=9), where ONNX Runtime must also agree with TensorFlow.
 */
class SamePaddingParityTest {
    @ParameterizedTest(name = "k{0} s{1} {2}x{3}")
    @CsvSource({"3,2,7,9", "3,2,8,8", "3,2,5,6", "9,2,7,10", "9,2,11,11", "3,1,7,9", "9,1,6,5"})
    void onnxSameUpperMatchesTensorFlowSame(int k, int stride, int h, int w) throws Exception {
        int in = 4;
        int out = 5;
        SplittableRandom rnd = new SplittableRandom(k * 100L + h * 10L + w);
        FloatTensor image = random(rnd, new long[] {1, h, w, in});
        FloatTensor hwio = random(rnd, new long[] {k, k, in, out});

        FloatTensor expected;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var x = tf.constant(Shape.of(image.shape()), DataBuffers.of(image.values()));
            var wt = tf.constant(Shape.of(hwio.shape()), DataBuffers.of(hwio.values()));
            var y = tf.nn.conv2d(x, wt, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
            try (Result r = s.runner().fetch(y).run()) {
                expected = FloatTensor.of((TFloat32) r.get(0));
            }
        }

        OnnxModelBuilder gw = new OnnxModelBuilder("same", OnnxExporter.OPSET).irVersion(OnnxExporter.IR_VERSION);
        gw.input(OnnxExporter.INPUT, TensorProto.DataType.FLOAT, "N", (long) in, "H", "W");
        String weights = gw.floats("W", new long[] {out, in, k, k}, OnnxExporter.hwioToOihw(hwio));
        String y = gw.node("Conv", OnnxExporter.OUTPUT, List.of(OnnxExporter.INPUT, weights),
                ints("kernel_shape", k, k), ints("strides", stride, stride), string("auto_pad", "SAME_UPPER"));
        gw.output(y, TensorProto.DataType.FLOAT, "N", (long) out, "OH", "OW");
        byte[] model = gw.toByteArray();
        try (OrtRunner ort = new OrtRunner(model, 1)) {
            FloatTensor actual = ort.run(image.nhwcToNchw()).nchwToNhwc();
            assertThat(actual.shape()).containsExactly(expected.shape());
            double diff = actual.maxAbsDiff(expected);
            System.out.printf("same k%d s%d %dx%d -> %dx%d max|diff| %.2e%n", k, stride, h, w, expected.shape()[1],
                    expected.shape()[2], diff);
            assertThat(diff).isLessThanOrEqualTo(1e-4);
        }
    }

    private static FloatTensor random(SplittableRandom rnd, long[] shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return new FloatTensor(shape, v);
    }
}
