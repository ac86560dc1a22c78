package dev.stylefleet.train.pretrained;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.LayerSpec;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.ParamNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pretrained style networks of Engstrom's fast-style-transfer (TensorFlow; redistributed by
 * ml5 in the deeplearn.js layout, see {@link PretrainedCheckpoint}) described as an ordinary
 * stylefleet network: preset {@code style} with the options below, so that import, export,
 * inference and fine-tuning all go through {@code TransformerNet}.
 *
 * <p>Layer table (48 variables, {@code Variable_i}; i = 0 is plain {@code Variable}). Every
 * convolution has no bias and is followed by instance norm whose shift is variable i+1 and scale
 * i+2; activations for a 256x256 input:
 * <pre>
 *   i      layer                        variable shapes                       activation
 *   0      c9s1-32  conv 9x9 s1 + IN + ReLU  [9,9,3,32]  [32] [32]           [N,256,256, 32]
 *   3      d64      conv 3x3 s2 + IN + ReLU  [3,3,32,64] [64] [64]           [N,128,128, 64]
 *   6      d128     conv 3x3 s2 + IN + ReLU  [3,3,64,128] ..                 [N, 64, 64,128]
 *   9..38  R128 x5  (conv 3x3, IN, ReLU, conv 3x3, IN) + x, 6 variables each  [N, 64, 64,128]
 *   39     u64      transposed conv 3x3 s2 + IN + ReLU  [3,3,64,128] (kh,kw,out,in) [N,128,128,64]
 *   42     u32      transposed conv 3x3 s2 + IN + ReLU  [3,3,32,64]          [N,256,256, 32]
 *   45     c9s1-3   conv 9x9 s1 + IN (no ReLU)  [9,9,32,3] [3] [3]           [N,256,256,  3]
 *   out    clip(150 tanh(x) + 127.5, 0, 255)
 * </pre>
 * TensorFlow SAME padding everywhere (the extra row/column of a stride-2 layer at the
 * bottom/right), instance-norm epsilon 1e-3, input RGB 0..255 as is.
 */
public final class FastStyleTransferNet {
    /** The architecture: the paper's {@code style} preset (Table 1 with five residual blocks). */
    public static final ArchSpec ARCH = ArchSpec.preset("style");

    /** What this variant differs in from the paper's net (see the class comment). */
    public static final NetOptions OPTIONS = new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.DECONV,
            NetOptions.Padding.SAME, 1.0, NetOptions.Input.RAW, NetOptions.Output.TANH150, true,
            NetOptions.Skip.NONE, 1e-3);

    /** Name of the checkpoint format in provenance records. */
    public static final String FORMAT = "fast-style-transfer/deeplearnjs";

    private static final List<Mapping> MAPPINGS = Collections.unmodifiableList(build(ARCH));

    private FastStyleTransferNet() {}

    /**
     * One pretrained variable and the {@code TransformerNet} variable it becomes; the layouts agree
     * (HWIO conv kernels; transposed-conv kernels {@code [kh, kw, out, in]} in both), so values
     * are copied as they are.
     */
    public record Mapping(String source, String target, long[] shape, String role) {
        public ExpectedVariable expected() {
            return new ExpectedVariable(source, shape, role);
        }
    }

    /** The 48 variables in checkpoint order. */
    public static List<Mapping> mappings() {
        return MAPPINGS;
    }

    /** The layer table as the reader checks it. */
    public static List<ExpectedVariable> layerTable() {
        return MAPPINGS.stream().map(Mapping::expected).toList();
    }

    /** The checkpoint's name of variable {@code i}: {@code Variable}, {@code Variable_1}, ... */
    public static String sourceName(int i) {
        return i == 0 ? "Variable" : "Variable_" + i;
    }

    /** Walks the architecture as {@code TransformerNet} does, in the order the original code created variables. */
    private static List<Mapping> build(ArchSpec arch) {
        List<Mapping> out = new ArrayList<>();
        int in = 3;
        List<LayerSpec> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            int f = OPTIONS.channels(spec.filters());
            if (i == layers.size() - 1) {
                f = spec.filters();
            }
            String token = spec.token();
            if (spec instanceof LayerSpec.Conv c) {
                convAndNorm(out, i, spec, ParamNames.CONV, ParamNames.NORM, new long[] {c.kernel(), c.kernel(), in, f},
                        "conv " + c.kernel() + "x" + c.kernel() + " " + in + "->" + f + " of layer " + token);
            } else if (spec instanceof LayerSpec.Down) {
                int k = LayerSpec.Down.KERNEL;
                convAndNorm(out, i, spec, ParamNames.CONV, ParamNames.NORM, new long[] {k, k, in, f},
                        "conv " + k + "x" + k + " stride 2 " + in + "->" + f + " of layer " + token);
            } else if (spec instanceof LayerSpec.Residual) {
                int k = LayerSpec.Residual.KERNEL;
                convAndNorm(out, i, spec, ParamNames.CONV1, ParamNames.NORM1, new long[] {k, k, f, f},
                        "first conv of residual block " + token + " (layer " + i + ")");
                convAndNorm(out, i, spec, ParamNames.CONV2, ParamNames.NORM2, new long[] {k, k, f, f},
                        "second conv of residual block " + token + " (layer " + i + ")");
            } else if (spec instanceof LayerSpec.Up) {
                int k = LayerSpec.Up.KERNEL;
                convAndNorm(out, i, spec, ParamNames.DECONV, ParamNames.NORM, new long[] {k, k, f, in},
                        "transposed conv " + k + "x" + k + " stride 2 " + in + "->" + f + " [kh,kw,out,in] of layer "
                                + token);
            } else {
                throw new IllegalStateException("no pretrained layout for layer " + token);
            }
            in = f;
        }
        return out;
    }

    /** A bias-free convolution, then its instance norm: shift (beta) first, scale (gamma) second. */
    private static void convAndNorm(List<Mapping> out, int layer, LayerSpec spec, String convUnit, String normUnit,
            long[] kernel, String role) {
        out.add(new Mapping(sourceName(out.size()), ParamNames.variable(layer, spec, convUnit, ParamNames.WEIGHTS),
                kernel, role));
        long[] channels = {kernel[convUnit.equals(ParamNames.DECONV) ? 2 : 3]};
        out.add(new Mapping(sourceName(out.size()), ParamNames.variable(layer, spec, normUnit, ParamNames.BETA),
                channels, "instance-norm shift after the " + role));
        out.add(new Mapping(sourceName(out.size()), ParamNames.variable(layer, spec, normUnit, ParamNames.GAMMA),
                channels, "instance-norm scale after the " + role));
    }
}
