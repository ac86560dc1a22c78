package dev.stylefleet.train.net;

import java.util.Locale;

/**
 * Options of a transform network that are not part of its architecture string. Defaults are the
 * paper's choices: batch normalisation, stride-1/2 convolutions for upsampling, zero padding, full
 * width. The alternatives are the improvements later work adopted (see docs/networks.md).
 *
 * @param norm     {@code batch} (paper) or {@code instance} (Ulyanov et al.; better stylisation)
 * @param upsample {@code deconv} (stride-1/2 convolution, paper) or {@code resize} (nearest x2 then a
 *                 3x3 convolution: no checkerboard artefacts)
 * @param padding  {@code zero} (paper) or {@code reflect} for every padded convolution
 * @param width    channel multiplier applied to every layer but the 3-channel output, for example
 *                 0.5 for CPU-sized models; in (0, 4]
 */
public record NetOptions(Norm norm, Upsample upsample, Padding padding, double width) {

    public static final NetOptions PAPER = new NetOptions(Norm.BATCH, Upsample.DECONV, Padding.ZERO, 1.0);
    public static final double MAX_WIDTH = 4.0;

    public NetOptions {
        if (norm == null || upsample == null || padding == null) {
            throw new IllegalArgumentException("norm, upsample and padding are required");
        }
        if (!(width > 0 && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("width must be in (0, " + MAX_WIDTH + "], got " + width);
        }
    }

    /** Channels of a layer with {@code filters} filters at this width (at least 1). */
    public int channels(int filters) {
        return Math.max(1, (int) Math.round(filters * width));
    }

    public NetOptions withNorm(Norm n) {
        return new NetOptions(n, upsample, padding, width);
    }

    public NetOptions withUpsample(Upsample u) {
        return new NetOptions(norm, u, padding, width);
    }

    public NetOptions withPadding(Padding p) {
        return new NetOptions(norm, upsample, p, width);
    }

    public NetOptions withWidth(double w) {
        return new NetOptions(norm, upsample, padding, w);
    }

    /** Compact form for names and logs, for example {@code batch/deconv/zero/w1.0}. */
    public String describe() {
        return norm.wire() + "/" + upsample.wire() + "/" + padding.wire() + "/w" + width;
    }

    public enum Norm {
        BATCH, INSTANCE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Norm parse(String s) {
            return NetOptions.parse(Norm.class, "norm", s);
        }
    }

    public enum Upsample {
        DECONV, RESIZE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Upsample parse(String s) {
            return NetOptions.parse(Upsample.class, "upsample", s);
        }
    }

    public enum Padding {
        ZERO, REFLECT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Padding parse(String s) {
            return NetOptions.parse(Padding.class, "padding", s);
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
