package dev.stylefleet.train.net;

import java.util.Locale;

/**
 * Options of a transform network that are not part of its architecture string. Defaults are the
 * paper's choices: batch normalisation, stride-1/2 convolutions for upsampling, zero padding, full
 * width, input centred to [-1, 1], output {@code 127.5 (tanh + 1)}. The alternatives are the
 * improvements later work adopted (see docs/networks.md), and what imported pretrained nets need.
 *
 * <p>Bias rule (no option of its own): a convolution has a bias exactly when no norm layer follows
 * it, since a norm cancels any bias. With {@code norm=none} every convolution has one; the output
 * convolution has one unless {@code outputNorm}.
 *
 * @param norm        {@code batch} (paper), {@code instance} (Ulyanov et al.; better stylisation) or
 *                    {@code none} (EDSR-style super-resolution bodies: plain conv + bias)
 * @param upsample    {@code deconv} (stride-1/2 convolution, paper), {@code resize} (nearest x2 then a
 *                    3x3 convolution: no checkerboard artefacts) or {@code subpixel} (a 3x3 convolution
 *                    to 4x the channels, then depth-to-space; Shi et al. 2016)
 * @param padding     {@code zero} (paper), {@code reflect}, or {@code same} (TensorFlow SAME: zero, the
 *                    extra row/column of a stride-2 layer at the bottom/right, as in pretrained TF nets)
 * @param width       channel multiplier applied to every layer but the 3-channel output, for example
 *                    0.5 for CPU-sized models; in (0, 4]
 * @param input       {@code centered} (x * 2/255 - 1) or {@code raw} (0..255 as is)
 * @param output      {@code tanh} (127.5 (tanh + 1)), {@code tanh150} (150 tanh + 127.5 clipped to
 *                    [0, 255]) or {@code linear} (the value as is: with a bicubic skip, the residual)
 * @param outputNorm  the output convolution is followed by the net's norm (and so has no bias)
 * @param skip        {@code none} or {@code bicubic}: add the bicubic upscale of the input to the
 *                    output, so the network learns the residual (VDSR, Kim et al. 2016)
 * @param normEpsilon epsilon of batch and instance norm
 */
public record NetOptions(Norm norm, Upsample upsample, Padding padding, double width, Input input, Output output,
        boolean outputNorm, Skip skip, double normEpsilon) {

    public static final NetOptions PAPER = new NetOptions(Norm.BATCH, Upsample.DECONV, Padding.ZERO, 1.0);
    public static final double MAX_WIDTH = 4.0;
    /** Torch's default (the authors' code); the ONNX export writes the same. */
    public static final double DEFAULT_NORM_EPSILON = 1e-5;

    public NetOptions {
        if (norm == null || upsample == null || padding == null || input == null || output == null || skip == null) {
            throw new IllegalArgumentException("norm, upsample, padding, input, output and skip are required");
        }
        if (!(width > 0 && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("width must be in (0, " + MAX_WIDTH + "], got " + width);
        }
        if (!(normEpsilon > 0 && normEpsilon < 1)) {
            throw new IllegalArgumentException("normEpsilon must be in (0, 1), got " + normEpsilon);
        }
        if (outputNorm && norm == Norm.NONE) {
            throw new IllegalArgumentException("outputNorm needs a norm (batch or instance), the net has none");
        }
    }

    /** The four original options; the rest take the paper's defaults. */
    public NetOptions(Norm norm, Upsample upsample, Padding padding, double width) {
        this(norm, upsample, padding, width, Input.CENTERED, Output.TANH, false, Skip.NONE, DEFAULT_NORM_EPSILON);
    }

    /** Channels of a layer with {@code filters} filters at this width (at least 1). */
    public int channels(int filters) {
        return Math.max(1, (int) Math.round(filters * width));
    }

    public NetOptions withNorm(Norm n) {
        return new NetOptions(n, upsample, padding, width, input, output, outputNorm, skip, normEpsilon);
    }

    public NetOptions withUpsample(Upsample u) {
        return new NetOptions(norm, u, padding, width, input, output, outputNorm, skip, normEpsilon);
    }

    public NetOptions withPadding(Padding p) {
        return new NetOptions(norm, upsample, p, width, input, output, outputNorm, skip, normEpsilon);
    }

    public NetOptions withWidth(double w) {
        return new NetOptions(norm, upsample, padding, w, input, output, outputNorm, skip, normEpsilon);
    }

    public NetOptions withInput(Input i) {
        return new NetOptions(norm, upsample, padding, width, i, output, outputNorm, skip, normEpsilon);
    }

    public NetOptions withOutput(Output o) {
        return new NetOptions(norm, upsample, padding, width, input, o, outputNorm, skip, normEpsilon);
    }

    public NetOptions withOutputNorm(boolean on) {
        return new NetOptions(norm, upsample, padding, width, input, output, on, skip, normEpsilon);
    }

    public NetOptions withSkip(Skip s) {
        return new NetOptions(norm, upsample, padding, width, input, output, outputNorm, s, normEpsilon);
    }

    public NetOptions withNormEpsilon(double eps) {
        return new NetOptions(norm, upsample, padding, width, input, output, outputNorm, skip, eps);
    }

    /** Whether a convolution followed by {@code followedByNorm} norm layers carries a bias (see the bias rule). */
    public boolean convBias(boolean followedByNorm) {
        return !followedByNorm || norm == Norm.NONE;
    }

    /**
     * Compact form for names and logs, for example {@code batch/deconv/zero/w1.0}; options away from
     * their defaults follow, for example {@code instance/deconv/same/w1.0/raw/tanh150/outnorm/eps0.001}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(norm.wire() + "/" + upsample.wire() + "/" + padding.wire() + "/w" + width);
        if (input != Input.CENTERED) {
            sb.append('/').append(input.wire());
        }
        if (output != Output.TANH) {
            sb.append('/').append(output.wire());
        }
        if (outputNorm) {
            sb.append("/outnorm");
        }
        if (skip != Skip.NONE) {
            sb.append("/skip-").append(skip.wire());
        }
        if (normEpsilon != DEFAULT_NORM_EPSILON) {
            sb.append("/eps").append(normEpsilon);
        }
        return sb.toString();
    }

    public enum Norm {
        BATCH, INSTANCE, NONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Norm parse(String s) {
            return NetOptions.parse(Norm.class, "norm", s);
        }
    }

    public enum Upsample {
        DECONV, RESIZE, SUBPIXEL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Upsample parse(String s) {
            return NetOptions.parse(Upsample.class, "upsample", s);
        }
    }

    public enum Padding {
        ZERO, REFLECT, SAME;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Padding parse(String s) {
            return NetOptions.parse(Padding.class, "padding", s);
        }
    }

    public enum Input {
        CENTERED, RAW;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Input parse(String s) {
            return NetOptions.parse(Input.class, "input", s);
        }
    }

    public enum Output {
        TANH, TANH150, LINEAR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Output parse(String s) {
            return NetOptions.parse(Output.class, "output", s);
        }
    }

    public enum Skip {
        NONE, BICUBIC;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Skip parse(String s) {
            return NetOptions.parse(Skip.class, "skip", s);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String s) {
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return e;
            }
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(field + " must be one of " + allowed + ", got '" + s + "'");
    }
}
