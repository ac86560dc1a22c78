package dev.stylefleet.train.export;

import dev.stylefleet.platform.onnx.Float16;
import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;
import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.real;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxBicubicUpscale;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.checkpoint.CodeVersion;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.LayerSpec;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.ParamNames;
import dev.stylefleet.train.net.TransformerNet;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a transform network as an ONNX model (opset {@value #OPSET}) through the platform's
 * {@link OnnxModelBuilder}, from the same {@link ArchSpec} walk as the TensorFlow graph and the
 * variables read out of a session.
 *
 * <p>Interface (every registry model has it): input {@value #INPUT}, float32 NCHW
 * {@code [N, 3, H, W]}, RGB in [0, 255]; output {@value #OUTPUT}, float32 NCHW
 * {@code [N, 3, H*scale, W*scale]} in [0, 255]. N, H and W are symbolic (dynamic).
 *
 * <p>The TensorFlow graph is NHWC; the export is NCHW throughout and transposes nothing at run
 * time: weights are transposed once here, HWIO {@code [k, k, in, out]} to OIHW
 * {@code [out, in, k, k]} (a transposed convolution's {@code [k, k, out, in]} to ONNX's
 * {@code [in, out, k, k]}). Per layer ({@link NetOptions}):
 * <ul>
 *   <li>input {@code centered}: Mul 2/255, Sub 1; {@code raw}: nothing;</li>
 *   <li>conv + batch norm: one Conv with the norm folded in ({@link BatchNormFolding});</li>
 *   <li>conv + instance norm: Conv then InstanceNormalization (the net's epsilon);</li>
 *   <li>norm {@code none}: Conv with its bias. The bias rule: a conv has a bias exactly when no
 *       norm follows it ({@link NetOptions#convBias}); with {@code outputNorm} the output conv is
 *       normalised (folded or InstanceNormalization) and has none;</li>
 *   <li>zero padding: the Conv's own pads; reflect padding: Pad(mode=reflect) then Conv; same
 *       padding: symmetric pads at stride 1, {@code auto_pad=SAME_UPPER} at stride 2 (TensorFlow's
 *       SAME: the odd pixel at the bottom/right, computed from the actual size);</li>
 *   <li>deconv upsampling: ConvTranspose, strides 2, pads (0, 0, 1, 1): TensorFlow's SAME
 *       Conv2DBackpropInput, whose padding is all at the end;</li>
 *   <li>resize upsampling: Resize nearest, asymmetric coordinates, floor (source pixel floor(i/2),
 *       as TensorFlow's ResizeNearestNeighbor) then Conv;</li>
 *   <li>subpixel upsampling: Conv to 4x the channels then DepthToSpace(2, DCR);</li>
 *   <li>pad to a multiple of the downsampling factor and the final crop: computed from
 *       Shape(image) with Mod, Pad(reflect) and Slice, so every size works;</li>
 *   <li>output {@code tanh}: Tanh, Add 1, Mul 127.5; {@code tanh150}: Tanh, Mul 150, Add 127.5,
 *       Clip [0, 255]; {@code linear}: Clip [0, 255] (TensorFlow leaves it unclipped for training's
 *       gradient, a registry model must deliver pixels);</li>
 *   <li>skip {@code bicubic}: Add the bicubic upscale of the input ({@link OnnxBicubicUpscale}: edge Pad,
 *       polyphase Conv, DepthToSpace; the Keys weights of the net's {@code BicubicUpscale} and of
 *       worker-infer's {@code bicubic-x4/x8}, all from {@code KeysCubic}), then Clip [0, 255]. Not
 *       ONNX Resize(cubic): ONNX Runtime's CPU cubic resize is about 14 times slower; not
 *       TensorFlow's ResizeBicubic in the net either: with half-pixel centres it drops out-of-image
 *       taps and renormalises, up to about 11 levels away from the border clamp.</li>
 * </ul>
 * Weights are stored as float32, or as float16 widened by a Cast ({@link WeightStorage}). Value
 * names follow the layers ({@link ParamNames}), made unique by the builder.
 */
public final class OnnxExporter {
    public static final int OPSET = 17;
    /** IR version 8 goes with opset 17. */
    public static final int IR_VERSION = 8;
    public static final String INPUT = "image";
    public static final String OUTPUT = "output";
    public static final String PRODUCER = "stylefleet";

    // Metadata property keys.
    public static final String META_ARCHITECTURE = "architecture";
    public static final String META_OPTIONS = "options";
    public static final String META_TRAINING_SPEC = "training_spec";
    public static final String META_VERSION = "version";
    public static final String META_EXPORTER_VERSION = "exporter_version";
    public static final String META_PRESET = "preset";
    public static final String META_STEP = "step";
    public static final String META_SCALE = "scale";
    public static final String META_MIN_INPUT_SIDE = "min_input_side";
    public static final String META_INPUT_LAYOUT = "input_layout";
    public static final String META_OUTPUT_LAYOUT = "output_layout";
    /** {@code float32} or {@code float16}: how the weights are stored (the graph computes in float32). */
    public static final String META_WEIGHT_STORAGE = "weight_storage";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ArchSpec arch;
    private final NetOptions options;
    private final Map<String, FloatTensor> variables;
    private final WeightStorage storage;
    private final OnnxModelBuilder g;

    /**
     * How learned weights are stored in the file. The graph computes in float32 either way.
     * {@code FLOAT16} halves the file (for the shipped built-ins): each kernel (rank >= 2) is rounded
     * to the nearest half (ties to even) and widened by a Cast node, so the model computes exactly
     * what the float32 export of the half-rounded kernels computes. 1-D weights (biases, norm scale
     * and shift) stay float32: rounding them is what moves the output most (up to 11.5 levels of
     * 0..255 on the wave built-in, against ~1.06 for the kernels; {@link Float16#storedAsHalf}) and
     * they are under 1% of the bytes. Batch norm is folded before the rounding: for batch-norm nets
     * the folded weights are what gets rounded.
     */
    public enum WeightStorage {
        FLOAT32, FLOAT16;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private OnnxExporter(ArchSpec arch, NetOptions options, Map<String, FloatTensor> variables,
            WeightStorage storage) {
        this.arch = arch;
        this.options = options;
        this.variables = variables;
        this.storage = storage;
        this.g = new OnnxModelBuilder(arch.name(), OPSET).irVersion(IR_VERSION);
    }

    /**
     * The ONNX model of a network with these variable values (by op name, as
     * {@link TransformerSession#readVariables()} returns them), weights stored as float32.
     *
     * @param metadata extra metadata properties; architecture, options, scale, minimum input side
     *                 and layouts are always written
     */
    public static byte[] export(ArchSpec arch, NetOptions options, Map<String, FloatTensor> variables,
            Map<String, String> metadata) {
        return export(arch, options, variables, metadata, WeightStorage.FLOAT32);
    }

    /** As {@link #export(ArchSpec, NetOptions, Map, Map)}, with the weights stored as {@code storage}. */
    public static byte[] export(ArchSpec arch, NetOptions options, Map<String, FloatTensor> variables,
            Map<String, String> metadata, WeightStorage storage) {
        return new OnnxExporter(arch, options, variables, storage).model(metadata).toByteArray();
    }

    /** The ONNX model of a checkpoint directory, with its metadata (see docs/networks.md). */
    public static byte[] exportCheckpoint(Path checkpointDir) {
        return exportCheckpoint(checkpointDir, WeightStorage.FLOAT32);
    }

    /** As {@link #exportCheckpoint(Path)}, with the weights stored as {@code storage}. */
    public static byte[] exportCheckpoint(Path checkpointDir, WeightStorage storage) {
        CheckpointMetadata m = Checkpoint.readMetadata(checkpointDir);
        try (TransformerSession s = Checkpoint.open(checkpointDir, 1)) {
            return export(m.arch(), m.netOptions(), s.readVariables(), metadata(m), storage);
        }
    }

    /** Metadata properties of an export of a checkpoint. */
    public static Map<String, String> metadata(CheckpointMetadata m) {
        Map<String, String> meta = new TreeMap<>();
        meta.put(META_TRAINING_SPEC, json(m.trainingSpec()));
        meta.put(META_VERSION, m.codeVersion());
        meta.put(META_EXPORTER_VERSION, CodeVersion.get());
        meta.put(META_STEP, Long.toString(m.step()));
        if (m.preset() != null) {
            meta.put(META_PRESET, m.preset());
        }
        return meta;
    }

    private ModelProto model(Map<String, String> extra) {
        String out = graph();
        Map<String, String> meta = new TreeMap<>(extra);
        meta.put(META_ARCHITECTURE, arch.canonical());
        meta.put(META_OPTIONS, json(CheckpointMetadata.Options.of(options)));
        meta.put(META_SCALE, Integer.toString(arch.scale()));
        meta.put(META_MIN_INPUT_SIDE, Integer.toString(arch.minInputSide(options)));
        meta.put(META_INPUT_LAYOUT, "NCHW float32 RGB [0,255]");
        meta.put(META_OUTPUT_LAYOUT, "NCHW float32 RGB [0,255], H*scale x W*scale");
        meta.put(META_WEIGHT_STORAGE, storage.wire());
        meta.putIfAbsent(META_EXPORTER_VERSION, CodeVersion.get());
        g.input(INPUT, TensorProto.DataType.FLOAT, "N", 3L, "H", "W");
        String oh = arch.scale() == 1 ? "H" : "H*" + arch.scale();
        String ow = arch.scale() == 1 ? "W" : "W*" + arch.scale();
        g.output(out, TensorProto.DataType.FLOAT, "N", 3L, oh, ow);
        return g.producer(PRODUCER, CodeVersion.get())
                .docString("Johnson et al. 2016 transform network " + arch.name() + " (" + options.describe()
                        + "): input 'image' NCHW float32 RGB [0,255], output NCHW float32 RGB [0,255]")
                .metadata(meta)
                .build();
    }

    /** Emits the graph; returns the output value name. */
    private String graph() {
        String x = INPUT;
        if (options.input() == NetOptions.Input.CENTERED) {
            x = g.node("Mul", "normalize/scale", List.of(INPUT, g.scalar("two_over_255", 2f / 255f)));
            x = g.node("Sub", "normalize/shift", List.of(x, one()));
        }
        int d = arch.downsampleFactor();
        boolean skip = options.skip() == NetOptions.Skip.BICUBIC;
        String hw = null;
        if (d > 1) {
            String shape = g.node("Shape", "input_shape", List.of(INPUT));
            hw = g.node("Slice", "input_hw", List.of(shape, g.int64s("two", 2), g.int64s("four", 4)));
            String factor = g.int64s("downsample_factor", d);
            String rem = g.node("Mod", "pad_to_multiple/rem", List.of(hw, factor));
            String need = g.node("Mod", "pad_to_multiple/need",
                    List.of(g.node("Sub", "pad_to_multiple/sub", List.of(factor, rem)), factor));
            String pads = g.node("Concat", "pad_to_multiple/pads",
                    List.of(g.int64s("zeros6", 0, 0, 0, 0, 0, 0), need), integer("axis", 0));
            x = g.node("Pad", "pad_to_multiple", List.of(x, pads), string("mode", "reflect"));
        }
        List<LayerSpec> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            x = layer(i, layers.get(i), x, i == layers.size() - 1);
        }
        if (d > 1) {
            String ends = g.node("Mul", "crop/ends", List.of(hw, g.int64s("scale", arch.scale())));
            x = g.node("Slice", "crop", List.of(x, g.int64s("crop_starts", 0, 0), ends, g.int64s("crop_axes", 2, 3)));
        }
        String y = switch (options.output()) {
            case TANH -> g.node("Mul", skip ? "tanh_scaled" : OUTPUT, List.of(
                    g.node("Add", "tanh_plus_one", List.of(g.node("Tanh", "tanh", List.of(x)), one())),
                    g.scalar("half_255", 255f / 2)));
            case TANH150 -> clip(skip ? "tanh150" : OUTPUT, g.node("Add", "tanh150/shift", List.of(
                    g.node("Mul", "tanh150/scale", List.of(g.node("Tanh", "tanh", List.of(x)),
                            g.scalar("tanh150_scale", TransformerNet.TANH150_SCALE))),
                    g.scalar("half_255", 255f / 2))));
            // TensorFlow keeps the linear output unclipped (training needs the gradient); a model
            // in the registry must produce pixels, so the export clips.
            case LINEAR -> skip ? x : clip(OUTPUT, x);
        };
        if (skip) {
            String upscaled = arch.scale() == 1 ? INPUT : OnnxBicubicUpscale.emit(g, "skip_bicubic", INPUT, arch.scale());
            String sum = g.node("Add", "skip_add", List.of(y, upscaled));
            // The sum of an output in [0, 255] and an upscale with cubic overshoot leaves the range.
            y = clip(OUTPUT, sum);
        }
        return y;
    }

    /**
     * A learned float tensor in the chosen storage; returns the name of a float32 value. Under
     * FLOAT16 a kernel is a FLOAT16 initializer {@code <name>/fp16} followed by a Cast to float
     * named {@code <name>}, so the graph computes in float32 either way (ONNX Runtime folds the Cast
     * once, at session creation). 1-D tensors stay float32 even then: rounding the norm scale and
     * shift to half moved the built-in {@code wave} style's output by up to 11.5 levels (0..255), the
     * kernels by ~1.06 ({@link Float16#storedAsHalf}).
     */
    private String weights(String name, long[] dims, float[] values) {
        if (storage == WeightStorage.FLOAT32 || !Float16.storedAsHalf(dims.length)) {
            return g.floats(name, dims, values);
        }
        short[] half = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(Math.abs(values[i]) <= Float16.MAX)) {
                throw new IllegalArgumentException("weight " + name + " holds " + values[i]
                        + ", not representable as float16 (largest " + Float16.MAX + ")");
            }
            half[i] = Float16.fromFloat(values[i]);
        }
        String stored = g.float16(name + "/fp16", dims, half);
        return g.node("Cast", name, List.of(stored), integer("to", TensorProto.DataType.FLOAT.getNumber()));
    }

    private String one;

    /** The float32 scalar 1, one initializer however often it is used. */
    private String one() {
        if (one == null) {
            one = g.scalar("one", 1f);
        }
        return one;
    }

    private String clip(String name, String x) {
        return g.node("Clip", name, List.of(x, g.scalar("pixel_min", 0f), g.scalar("pixel_max", TransformerNet.PIXEL_MAX)));
    }

    private String layer(int i, LayerSpec spec, String x, boolean output) {
        String name = ParamNames.layerPath(i, spec);
        if (spec instanceof LayerSpec.Conv c) {
            String y = conv(i, spec, ParamNames.CONV, output && !options.outputNorm() ? null : ParamNames.NORM, x,
                    c.kernel(), c.stride());
            return output ? y : relu(name, y);
        } else if (spec instanceof LayerSpec.Down) {
            return relu(name, conv(i, spec, ParamNames.CONV, ParamNames.NORM, x, LayerSpec.Down.KERNEL, 2));
        } else if (spec instanceof LayerSpec.Residual) {
            String y = relu(name + "/relu1",
                    conv(i, spec, ParamNames.CONV1, ParamNames.NORM1, x, LayerSpec.Residual.KERNEL, 1));
            y = conv(i, spec, ParamNames.CONV2, ParamNames.NORM2, y, LayerSpec.Residual.KERNEL, 1);
            return g.node("Add", name + "/add", List.of(x, y));
        } else if (spec instanceof LayerSpec.Plain) {
            String y = relu(name + "/relu1",
                    conv(i, spec, ParamNames.CONV1, ParamNames.NORM1, x, LayerSpec.Plain.KERNEL, 1));
            return relu(name + "/relu2", conv(i, spec, ParamNames.CONV2, ParamNames.NORM2, y, LayerSpec.Plain.KERNEL, 1));
        } else {
            String y = switch (options.upsample()) {
                case DECONV -> deconv(i, spec, x);
                case RESIZE -> {
                    String up = g.node("Resize", name + "/resize", List.of(x, "", g.floats(name + "/scales",
                            new long[] {4}, new float[] {1, 1, 2, 2})),
                            string("mode", "nearest"), string("coordinate_transformation_mode", "asymmetric"),
                            string("nearest_mode", "floor"));
                    yield conv(i, spec, ParamNames.CONV, ParamNames.NORM, up, LayerSpec.Up.KERNEL, 1);
                }
                case SUBPIXEL -> subpixel(i, spec, x);
            };
            return relu(name, y);
        }
    }

    private String relu(String name, String x) {
        return g.node("Relu", name + "/relu", List.of(x));
    }

    /**
     * A convolution unit and its norm ({@code normUnit} null: none follows). The bias rule of
     * {@link NetOptions#convBias}: a bias exactly when no norm layer follows (with {@code norm=none}
     * always).
     */
    private String conv(int i, LayerSpec spec, String unit, String normUnit, String x, int kernel, int stride) {
        String base = ParamNames.join(ParamNames.layerPath(i, spec), unit);
        Weights w = convWeights(i, spec, unit, normUnit, 1);
        String y = convNode(base, x, w, kernel, stride);
        return normUnit == null ? y : instanceNorm(i, spec, normUnit, y);
    }

    /**
     * {@code subpixel}: 3x3 stride-1 conv to 4*out channels, then DepthToSpace(2, DCR): output channel c
     * at (2h+dy, 2w+dx) is conv channel (2dy+dx)*out + c, which is also how TensorFlow's reshape and
     * transpose interleave. A batch norm after it normalises channel c, so its fold scales conv
     * channel j by the statistics of channel j % out.
     */
    private String subpixel(int i, LayerSpec spec, String x) {
        String base = ParamNames.join(ParamNames.layerPath(i, spec), ParamNames.CONV);
        Weights w = convWeights(i, spec, ParamNames.CONV, ParamNames.NORM, 4);
        String y = convNode(base, x, w, LayerSpec.Up.KERNEL, 1);
        y = g.node("DepthToSpace", base + "/depth_to_space", List.of(y), integer("blocksize", 2), string("mode", "DCR"));
        return instanceNorm(i, spec, ParamNames.NORM, y);
    }

    /** ONNX OIHW weights and bias (null: none) of a conv unit, batch norm folded in. */
    private Weights convWeights(int i, LayerSpec spec, String unit, String normUnit, int normRepeat) {
        FloatTensor tfWeights = variable(i, spec, unit, ParamNames.WEIGHTS);
        float[] w = hwioToOihw(tfWeights);
        long[] dims = oihwDims(tfWeights);
        float[] bias = options.convBias(normUnit != null) ? variable(i, spec, unit, ParamNames.BIAS).values() : null;
        if (normUnit != null && options.norm() == NetOptions.Norm.BATCH) {
            BatchNormFolding.Folded f = fold(i, spec, normUnit, w, dims, 0, bias, normRepeat);
            w = f.weights();
            bias = f.bias();
        }
        return new Weights(w, dims, bias);
    }

    private record Weights(float[] w, long[] dims, float[] bias) {}

    /**
     * The Conv node with the net's padding: zero, the Conv's symmetric pads (k-1)/2; reflect, a
     * Pad(mode=reflect) of (k-1)/2 then no pads; same, TensorFlow's SAME: stride 1 pads (k-1)/2 on
     * each side (odd kernels) like zero, stride 2 {@code auto_pad=SAME_UPPER}, which computes TF's
     * total {@code max((ceil(n/s) - 1) s + k - n, 0)} from the actual size and puts the odd pixel at
     * the end (bottom/right), as TF does.
     */
    private String convNode(String base, String x, Weights w, int kernel, int stride) {
        int p = kernel / 2;
        String in = x;
        AttributeProto padding = ints("pads", p, p, p, p);
        if (options.padding() == NetOptions.Padding.REFLECT && p > 0) {
            in = g.node("Pad", base + "/pad", List.of(x, g.int64s(base + "/pads", 0, 0, p, p, 0, 0, p, p)),
                    string("mode", "reflect"));
            padding = ints("pads", 0, 0, 0, 0);
        } else if (options.padding() == NetOptions.Padding.SAME && stride > 1) {
            padding = string("auto_pad", "SAME_UPPER");
        }
        String wName = weights(base + "/W", w.dims(), w.w());
        List<String> inputs = w.bias() == null
                ? List.of(in, wName)
                : List.of(in, wName, weights(base + "/B", new long[] {w.bias().length}, w.bias()));
        return g.node("Conv", base, inputs, ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
                padding, ints("dilations", 1, 1), integer("group", 1));
    }

    private String deconv(int i, LayerSpec spec, String x) {
        String base = ParamNames.join(ParamNames.layerPath(i, spec), ParamNames.DECONV);
        FloatTensor tfWeights = variable(i, spec, ParamNames.DECONV, ParamNames.WEIGHTS);
        // TF [k, k, out, in] -> ONNX ConvTranspose [in, out, k, k]: the same index permutation as HWIO -> OIHW.
        float[] w = hwioToOihw(tfWeights);
        long[] dims = oihwDims(tfWeights);
        float[] bias = options.convBias(true) ? variable(i, spec, ParamNames.DECONV, ParamNames.BIAS).values() : null;
        if (options.norm() == NetOptions.Norm.BATCH) {
            BatchNormFolding.Folded f = fold(i, spec, ParamNames.NORM, w, dims, 1, bias, 1);
            w = f.weights();
            bias = f.bias();
        }
        String wName = weights(base + "/W", dims, w);
        List<String> inputs = bias == null
                ? List.of(x, wName)
                : List.of(x, wName, weights(base + "/B", new long[] {bias.length}, bias));
        int k = LayerSpec.Up.KERNEL;
        String y = g.node("ConvTranspose", base, inputs, ints("kernel_shape", k, k), ints("strides", 2, 2),
                ints("pads", 0, 0, 1, 1), ints("dilations", 1, 1), integer("group", 1));
        return instanceNorm(i, spec, ParamNames.NORM, y);
    }

    /** Folds a batch norm; {@code repeat} > 1: the norm's channel c covers conv channels c, c + out, ... */
    private BatchNormFolding.Folded fold(int i, LayerSpec spec, String normUnit, float[] w, long[] dims, int axis,
            float[] bias, int repeat) {
        return BatchNormFolding.fold(w, dims, axis, bias,
                tile(variable(i, spec, normUnit, ParamNames.GAMMA).values(), repeat),
                tile(variable(i, spec, normUnit, ParamNames.BETA).values(), repeat),
                tile(variable(i, spec, normUnit, ParamNames.MOVING_MEAN).values(), repeat),
                tile(variable(i, spec, normUnit, ParamNames.MOVING_VARIANCE).values(), repeat),
                epsilon());
    }

    private static float[] tile(float[] v, int repeat) {
        float[] out = new float[v.length * repeat];
        for (int r = 0; r < repeat; r++) {
            System.arraycopy(v, 0, out, r * v.length, v.length);
        }
        return out;
    }

    /** Instance norm after a convolution; batch norm is already folded and none is nothing, so then y. */
    private String instanceNorm(int i, LayerSpec spec, String normUnit, String y) {
        if (options.norm() != NetOptions.Norm.INSTANCE) {
            return y;
        }
        String base = ParamNames.join(ParamNames.layerPath(i, spec), normUnit);
        FloatTensor gamma = variable(i, spec, normUnit, ParamNames.GAMMA);
        FloatTensor beta = variable(i, spec, normUnit, ParamNames.BETA);
        return g.node("InstanceNormalization", base, List.of(y, weights(base + "/scale", gamma.shape(), gamma.values()),
                weights(base + "/B", beta.shape(), beta.values())), real("epsilon", epsilon()));
    }

    /** The net's norm epsilon, as float: what TensorFlow's ops use. */
    private float epsilon() {
        return (float) options.normEpsilon();
    }

    private FloatTensor variable(int i, LayerSpec spec, String unit, String tensor) {
        String name = ParamNames.variable(i, spec, unit, tensor);
        FloatTensor t = variables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no value for variable " + name + " (architecture " + arch.canonical()
                    + ", options " + options.describe() + ")");
        }
        return t;
    }

    /** [kh, kw, a, b] row-major to [b, a, kh, kw]. */
    static float[] hwioToOihw(FloatTensor t) {
        int kh = t.dim(0), kw = t.dim(1), a = t.dim(2), b = t.dim(3);
        float[] src = t.values();
        float[] out = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < a; i++) {
                    for (int o = 0; o < b; o++) {
                        out[((o * a + i) * kh + y) * kw + x] = src[((y * kw + x) * a + i) * b + o];
                    }
                }
            }
        }
        return out;
    }

    private static long[] oihwDims(FloatTensor t) {
        return new long[] {t.shape()[3], t.shape()[2], t.shape()[0], t.shape()[1]};
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + o, e);
        }
    }
}
