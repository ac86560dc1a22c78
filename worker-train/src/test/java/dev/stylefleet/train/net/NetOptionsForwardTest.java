package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.DepthToSpace;
import org.tensorflow.types.TFloat32;

/**
 * The options added for imported nets and residual super-resolution, checked in the real graph
 * against independent computations: the bicubic skip against a loop over Keys' kernel with the
 * border replicated, sub-pixel upsampling against TensorFlow's own DepthToSpace, the bias rule, SAME
 * padding at odd sizes, and the output mappings.
 */
class NetOptionsForwardTest {
    private static final NetOptions SR = new NetOptions(NetOptions.Norm.NONE, NetOptions.Upsample.SUBPIXEL,
            NetOptions.Padding.ZERO, 1.0).withOutput(NetOptions.Output.LINEAR).withSkip(NetOptions.Skip.BICUBIC);
    private static final ArchSpec SR_TINY = ArchSpec.parse("c3s1-8,R8,u8,u8,c3s1-3");

    /** Keys a = -0.5, written out again here so the test does not share code with the net. */
    private static double keys(double x) {
        double t = Math.abs(x);
        if (t <= 1) {
            return 1.5 * t * t * t - 2.5 * t * t + 1;
        }
        return t < 2 ? -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2 : 0;
    }

    /** Bicubic upscale by {@code s}, half-pixel centres, indices clamped to the border. */
    private static double reference(FloatTensor img, int s, int oy, int ox, int c) {
        int h = img.dim(1);
        int w = img.dim(2);
        double sy = (oy + 0.5) / s - 0.5;
        double sx = (ox + 0.5) / s - 0.5;
        int fy = (int) Math.floor(sy);
        int fx = (int) Math.floor(sx);
        double sum = 0;
        for (int i = fy - 1; i <= fy + 2; i++) {
            for (int j = fx - 1; j <= fx + 2; j++) {
                int yy = Math.min(Math.max(i, 0), h - 1);
                int xx = Math.min(Math.max(j, 0), w - 1);
                sum += keys(sy - i) * keys(sx - j) * img.values()[(yy * w + xx) * 3 + c];
            }
        }
        return sum;
    }

    @Test
    void withTheResidualZeroedTheSkipIsTheBicubicUpscale() {
        for (int scale : new int[] {4, 8}) {
            ArchSpec arch = scale == 4 ? SR_TINY : ArchSpec.parse("c3s1-8,R8,u8,u8,u8,c3s1-3");
            try (TransformerSession s = TransformerSession.create(arch, SR, 1, 2)) {
                String out = s.net().layerNames().get(arch.layers().size() - 1);
                Map<String, FloatTensor> vars = s.readVariables();
                for (String name : List.of(out + ".conv.weights", out + ".conv.bias")) {
                    FloatTensor v = vars.get(name);
                    assertThat(v).as("variable %s in %s", name, vars.keySet()).isNotNull();
                    s.writeVariable(name, new FloatTensor(v.shape(), new float[v.values().length]));
                }
                FloatTensor img = TestImages.nhwc(1, 7, 5, 3);
                FloatTensor y = s.run(img);
                assertThat(y.shape()).containsExactly(1, 7 * scale, 5 * scale, 3);
                double max = 0;
                for (int oy = 0; oy < 7 * scale; oy++) {
                    for (int ox = 0; ox < 5 * scale; ox++) {
                        for (int c = 0; c < 3; c++) {
                            double d = y.values()[(oy * 5 * scale + ox) * 3 + c] - reference(img, scale, oy, ox, c);
                            max = Math.max(max, Math.abs(d));
                        }
                    }
                }
                assertThat(max).as("x%d max |skip - reference bicubic|", scale).isLessThan(1e-3);
            }
        }
    }

    @Test
    void subpixelInterleavesChannelsLikeDepthToSpaceDcr() {
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            FloatTensor x = TestImages.nhwc(2, 3, 5, 11);
            float[] wide = new float[2 * 3 * 5 * 12];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = x.values()[i % x.values().length] + i * 0.01f;
            }
            FloatTensor in = new FloatTensor(new long[] {2, 3, 5, 12}, wide);
            try (TFloat32 t = in.toTensor()) {
                var c = tf.constant(t);
                var ours = UpsampleLayer.depthToSpace(tf, c, 3);
                var theirs = tf.nn.depthToSpace(c, 2L, DepthToSpace.dataFormat("NHWC"));
                try (Result r = session.runner().fetch(ours).fetch(theirs).run()) {
                    FloatTensor a = FloatTensor.of((TFloat32) r.get(0));
                    FloatTensor b = FloatTensor.of((TFloat32) r.get(1));
                    assertThat(a.shape()).containsExactly(2, 6, 10, 3);
                    assertThat(a.maxAbsDiff(b)).isZero();
                }
            }
        }
    }

    @Test
    void normNoneGivesEveryConvolutionABiasAndNoNormVariables() {
        try (TransformerSession s = TransformerSession.create(SR_TINY, SR, 1, 2)) {
            Map<String, FloatTensor> vars = s.readVariables();
            long weights = vars.keySet().stream().filter(n -> n.endsWith(".weights")).count();
            long biases = vars.keySet().stream().filter(n -> n.endsWith(".bias")).count();
            assertThat(weights).isEqualTo(6);
            assertThat(biases).isEqualTo(weights);
            assertThat(vars.keySet()).noneMatch(n -> n.contains("gamma") || n.contains("moving"));
            // sub-pixel: the u8 convolution makes 4 x 8 channels
            assertThat(vars.get("net.l02_u8.conv.weights").shape()).containsExactly(3, 3, 8, 32);
        }
    }

    @Test
    void importedStyleOptionsHaveNoBiasesKeepOddSizesAndStayInPixelRange() {
        NetOptions imported = new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.DECONV,
                NetOptions.Padding.SAME, 0.25).withInput(NetOptions.Input.RAW).withOutput(NetOptions.Output.TANH150)
                .withOutputNorm(true).withNormEpsilon(1e-3);
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("style"), imported, 1, 2)) {
            assertThat(s.readVariables().keySet()).noneMatch(n -> n.endsWith(".bias"));
            assertThat(s.readVariables()).containsKey("net.l10_c9s1-3.norm.gamma");
            FloatTensor y = s.run(TestImages.nhwc(1, 37, 29, 5));
            assertThat(y.shape()).containsExactly(1, 37, 29, 3);
            for (float v : y.values()) {
                assertThat(v).isBetween(0f, 255f);
            }
        }
        assertThat(imported.describe()).isEqualTo("instance/deconv/same/w0.25/raw/tanh150/outnorm/eps0.001");
    }

    @Test
    void optionsThatCannotWorkTogetherAreRefused() {
        assertThatThrownBy(() -> NetOptions.PAPER.withNorm(NetOptions.Norm.NONE).withOutputNorm(true))
                .hasMessageContaining("outputNorm needs a norm");
        assertThatThrownBy(() -> TransformerSession.create(ArchSpec.preset("style"),
                NetOptions.PAPER.withSkip(NetOptions.Skip.BICUBIC), 1, 2)).hasMessageContaining("skip=bicubic");
    }

    @Test
    void batchNormOnTheOutputBeforeATanhRuns() {
        // Grappler's remapper would fuse FusedBatchNorm+Tanh, which TensorFlow's CPU kernels cannot run.
        NetOptions o = NetOptions.PAPER.withOutputNorm(true).withWidth(0.25);
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("style"), o, 1, 2)) {
            assertThat(s.run(TestImages.nhwc(1, 16, 16, 2)).shape()).containsExactly(1, 16, 16, 3);
        }
    }
}
