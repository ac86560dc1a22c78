package dev.stylefleet.train.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * The image transformation network of Johnson et al. 2016, built in a TensorFlow graph from an
 * {@link ArchSpec} and {@link NetOptions}. NHWC throughout (TensorFlow's CPU kernels want it).
 *
 * <p>Style transfer, preset {@code style} (supplementary Table 1, five residual blocks), input
 * 256x256, activations as [N, H, W, C]:
 * <pre>
 *   image                     [N, 256, 256,   3]  RGB in [0, 255]
 *   c9s1-32  9x9 conv, s1     [N, 256, 256,  32]
 *   d64      3x3 conv, s2     [N, 128, 128,  64]
 *   d128     3x3 conv, s2     [N,  64,  64, 128]
 *   R128 x5  residual blocks  [N,  64,  64, 128]
 *   u64      3x3 conv, s1/2   [N, 128, 128,  64]
 *   u32      3x3 conv, s1/2   [N, 256, 256,  32]
 *   c9s1-3   9x9 conv, s1     [N, 256, 256,   3]  then 127.5 * (tanh + 1): [0, 255]
 * </pre>
 * Super-resolution, presets {@code sr4} / {@code sr8} (Table 2): 72x72 (36x36) in,
 * {@code c9s1-64 [N,72,72,64]}, {@code R64x4 [N,72,72,64]}, two (three) {@code u64} doubling the
 * size each, {@code c9s1-3 [N,288,288,3]}.
 *
 * <p>Every conv layer but the last is conv-norm-ReLU; the last has a bias and the scaled tanh
 * (paper section 3.1). The input is mapped to [-1, 1] first so that the first layer sees centred
 * values (the paper leaves input scaling open). {@link NetOptions} change this: {@code input=raw}
 * feeds [0, 255] as is; {@code outputNorm} puts a norm after the last conv (no bias);
 * {@code output=tanh150} maps to {@code clip(150 tanh + 127.5, 0, 255)} and {@code output=linear}
 * keeps the value; {@code skip=bicubic} adds the bicubic upscale of the input image,
 * [N, H*scale, W*scale, 3] (Keys a = -0.5, half-pixel centres, edge clamp), so the layers learn
 * only the residual (VDSR). Super-resolution built-ins, for example
 * {@code c3s1-64,R64x6,u64,u64,c3s1-3} with {@code norm=none/subpixel/linear/skip-bicubic}:
 * <pre>
 *   image [N, h, w, 3] -> c3s1-64 [N, h, w, 64] -> R64 x6 [N, h, w, 64]
 *   -> u64 conv [N, h, w, 256], depth-to-space [N, 2h, 2w, 64] -> u64 [N, 4h, 4w, 64]
 *   -> c3s1-3 [N, 4h, 4w, 3] + bicubic(image) [N, 4h, 4w, 3]
 * </pre> Any size: the input is reflection-padded at the
 * bottom and right to a multiple of the downsampling factor (4 for {@code style}) and the output is
 * cropped back to H*scale x W*scale, so one dynamic-shape graph serves every size and batch.
 *
 * <p>Batch norm trains with batch statistics; {@link #forward} with {@code training=false} uses the
 * moving statistics, which the training forward updates (run {@link Forward#updates()} with each
 * step, or use {@link #trainStep}). Variables and forward passes may share one graph.
 */
public final class TransformerNet {
    /** Input values are in [0, PIXEL_MAX], outputs too. */
    public static final float PIXEL_MAX = 255f;
    /** Epsilon of batch and instance norm, Torch's default (the authors' code); the ONNX export writes the same. */
    public static final float NORM_EPSILON = (float) NetOptions.DEFAULT_NORM_EPSILON;
    /** Output scale of {@code output=tanh150}: 150 tanh(x) + 127.5 (Engstrom's fast-style-transfer). */
    public static final float TANH150_SCALE = 150f;

    private final Graph graph;
    private final Ops tf;
    private final ArchSpec arch;
    private final NetOptions options;
    private final NetParameters params;
    private final List<NetLayer> layers = new ArrayList<>();
    private final List<String> layerNames = new ArrayList<>();
    private int forwards;

    private TransformerNet(Graph graph, ArchSpec arch, NetOptions options, long seed) {
        if (options.skip() == NetOptions.Skip.BICUBIC && arch.scale() < 2) {
            throw new IllegalArgumentException("skip=bicubic adds the bicubic upscale of the input: it needs an "
                    + "upscaling arch (scale 2 or more), " + arch.name() + " has scale " + arch.scale());
        }
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.arch = arch;
        this.options = options;
        this.params = new NetParameters(tf, seed);
        int in = 3;
        List<LayerSpec> specs = arch.layers();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            boolean output = i == specs.size() - 1;
            int out = output ? spec.filters() : options.channels(spec.filters());
            String path = ParamNames.layerPath(i, spec);
            layers.add(build(spec, path, in, out, output));
            layerNames.add(path);
            in = out;
        }
    }

    private NetLayer build(LayerSpec spec, String s, int in, int out, boolean output) {
        if (spec instanceof LayerSpec.Conv c) {
            return new ConvLayer(params, s, c.kernel(), c.stride(), in, out, output, options);
        } else if (spec instanceof LayerSpec.Down) {
            return new ConvLayer(params, s, LayerSpec.Down.KERNEL, 2, in, out, false, options);
        } else if (spec instanceof LayerSpec.Residual) {
            return new ResidualBlock(params, s, out, options);
        } else if (spec instanceof LayerSpec.Plain) {
            return new PlainBlock(params, s, in, out, options);
        } else {
            return new UpsampleLayer(params, s, in, out, options);
        }
    }

    /** Creates the network's variables in {@code graph}; {@code seed} fixes their initial values. */
    public static TransformerNet create(Graph graph, ArchSpec arch, NetOptions options, long seed) {
        return new TransformerNet(graph, arch, options, seed);
    }

    private static String layerName(int index, LayerSpec spec) {
        return ParamNames.layer(index, spec);
    }

    /**
     * One forward pass.
     *
     * @param image    NHWC float32 RGB in [0, 255], any N, H, W (H and W at least
     *                 {@link ArchSpec#minInputSide})
     * @param training batch norm with batch statistics (and moving-statistics updates) or with the
     *                 moving statistics; instance norm is the same either way
     */
    public Forward forward(Operand<TFloat32> image, boolean training) {
        String scopeName = (training ? "train" : "infer") + (forwards == 0 ? "" : "_" + forwards);
        forwards++;
        Ops f = tf.withSubScope(scopeName);
        List<Op> updates = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();

        Operand<TFloat32> x = options.input() == NetOptions.Input.RAW ? image
                : f.math.sub(f.math.mul(image, f.constant(2f / PIXEL_MAX)), f.constant(1f));
        Operand<TInt32> shape = f.shape(image);
        Operand<TInt32> zero = f.constant(0);
        Operand<TInt32> h = f.gather(shape, f.constant(1), zero);
        Operand<TInt32> w = f.gather(shape, f.constant(2), zero);
        int d = arch.downsampleFactor();
        if (d > 1) {
            Operand<TInt32> factor = f.constant(d);
            Operand<TInt32> padH = f.math.floorMod(f.math.sub(factor, f.math.floorMod(h, factor)), factor);
            Operand<TInt32> padW = f.math.floorMod(f.math.sub(factor, f.math.floorMod(w, factor)), factor);
            Operand<TInt32> paddings = f.stack(List.of(f.constant(new int[] {0, 0}), f.stack(List.of(zero, padH)),
                    f.stack(List.of(zero, padW)), f.constant(new int[] {0, 0})));
            x = f.withName("pad_to_multiple").mirrorPad(x, paddings, "REFLECT");
        }
        for (int i = 0; i < layers.size(); i++) {
            String name = layerName(i, arch.layers().get(i));
            x = layers.get(i).apply(f.withSubScope(name), x, training, updates);
            activations.add(new Activation(layerNames.get(i), x));
        }
        if (d > 1) {
            Operand<TInt32> scale = f.constant(arch.scale());
            Operand<TInt32> size = f.stack(List.of(f.constant(-1), f.math.mul(h, scale), f.math.mul(w, scale),
                    f.constant(-1)));
            x = f.withName("crop").slice(x, f.constant(new int[] {0, 0, 0, 0}), size);
        }
        Operand<TFloat32> out = switch (options.output()) {
            case TANH -> f.math.mul(f.math.add(f.math.tanh(x), f.constant(1f)), f.constant(PIXEL_MAX / 2));
            case TANH150 -> clipToPixels(f, f.math.add(f.math.mul(f.math.tanh(x), f.constant(TANH150_SCALE)),
                    f.constant(PIXEL_MAX / 2)));
            case LINEAR -> x;
        };
        if (options.skip() == NetOptions.Skip.BICUBIC) {
            out = f.math.add(out, BicubicUpscale.apply(f.withSubScope("bicubic_skip"), image, arch.scale()));
        }
        out = f.withName("output").identity(out);
        return new Forward(out, Collections.unmodifiableList(activations), Collections.unmodifiableList(updates));
    }

    /**
     * {@code min(max(x, 0), 255)} as {@code relu(x) - relu(x - 255)}: the same values, built from ops
     * whose gradients TensorFlow Java's C++ registry has (ClipByValue's is not there).
     */
    private static Operand<TFloat32> clipToPixels(Ops f, Operand<TFloat32> x) {
        return f.math.sub(f.nn.relu(x), f.nn.relu(f.math.sub(x, f.constant(PIXEL_MAX))));
    }

    /**
     * A training step for {@code loss}: Adam (or any optimiser) over {@link #trainableVariables()}
     * only, plus the batch-norm moving-statistics updates of {@code trainingForward}.
     *
     * <p>Use this rather than {@code optimizer.minimize(loss)}: minimize differentiates with respect
     * to every variable in the graph, and the moving statistics are not reachable from the loss
     * (TensorFlow then fails with "unreachable from the output node").
     */
    public Op trainStep(Optimizer optimizer, Operand<TFloat32> loss, Forward trainingForward) {
        List<Variable<TFloat32>> vars = params.trainable();
        Output<?>[] outputs = new Output<?>[vars.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = vars.get(i).asOutput();
        }
        Output<?>[] grads = graph.addGradients(loss.asOutput(), outputs);
        List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < outputs.length; i++) {
            pairs.add(gradAndVar(grads[i], outputs[i]));
        }
        List<Op> all = new ArrayList<>(trainingForward.updates());
        all.add(optimizer.applyGradients(pairs, "train_step"));
        return tf.withControlDependencies(all).withName("train_step_done").noOp();
    }

    @SuppressWarnings("unchecked")
    private static <T extends TType> Optimizer.GradAndVar<T> gradAndVar(Output<?> grad, Output<?> var) {
        return new Optimizer.GradAndVar<>((Output<T>) grad, (Output<T>) var);
    }

    public ArchSpec arch() {
        return arch;
    }

    public NetOptions options() {
        return options;
    }

    public Graph graph() {
        return graph;
    }

    /** Every variable by op name (weights, norm parameters, moving statistics). */
    public java.util.Map<String, Variable<TFloat32>> variables() {
        return params.all();
    }

    public List<Variable<TFloat32>> trainableVariables() {
        return params.trainable();
    }

    public List<Variable<TFloat32>> movingStatistics() {
        return params.movingStatistics();
    }

    /** Layer names in order, for example {@code net.l00_c9s1-32}. */
    public List<String> layerNames() {
        return Collections.unmodifiableList(layerNames);
    }

    public long trainableParameterCount() {
        return count(params.trainable());
    }

    public long movingStatisticCount() {
        return count(params.movingStatistics());
    }

    private static long count(List<Variable<TFloat32>> vars) {
        long n = 0;
        for (Variable<TFloat32> v : vars) {
            Shape s = v.shape();
            n += s.size();
        }
        return n;
    }

    /** A layer's output in one forward pass. */
    public record Activation(String layer, Operand<TFloat32> value) {}

    /**
     * @param output      NHWC RGB in [0, 255], [N, H*scale, W*scale, 3]
     * @param activations every layer's output, in order (before the final crop and tanh)
     * @param updates     batch-norm moving-statistics updates (training forward only)
     */
    public record Forward(Operand<TFloat32> output, List<Activation> activations, List<Op> updates) {}
}
