package dev.stylefleet.train.net;

/**
 * One token of an architecture string, in the notation of the authors' fast-neural-style code.
 *
 * <pre>
 *   c9s1-32  Conv: 9x9 convolution, stride 1, 32 filters, then norm and ReLU
 *   d64      Down: 3x3 convolution, stride 2, 64 filters, then norm and ReLU
 *   R128     Residual: conv3x3-norm-ReLU-conv3x3-norm plus identity (128 in and out)
 *   C128     Plain: the non-residual replacement of R128 (supplementary section 2):
 *            two conv3x3-norm-ReLU layers, no identity
 *   u64      Up: x2 upsampling then 3x3 convolution with 64 filters, then norm and ReLU
 *            (a stride-1/2 convolution, or nearest-neighbour resize and a stride-1 convolution)
 * </pre>
 *
 * {@code R128x5} (and {@code C128x5}) is shorthand for five consecutive blocks. The last token of
 * a network is its output convolution: no norm, no ReLU, followed by the scaled tanh.
 */
public sealed interface LayerSpec {

    /** Filters before the width multiplier. */
    int filters();

    /** The token in canonical form, for example {@code c9s1-32}. */
    String token();

    /** {@code c<k>s<s>-<f>}: k x k convolution, stride s. */
    record Conv(int kernel, int stride, int filters) implements LayerSpec {
        public String token() {
            return "c" + kernel + "s" + stride + "-" + filters;
        }
    }

    /** {@code d<f>}: 3x3 convolution, stride 2. */
    record Down(int filters) implements LayerSpec {
        public static final int KERNEL = 3;

        public String token() {
            return "d" + filters;
        }
    }

    /** {@code R<f>}: one residual block (Gross and Wilber), no ReLU after the addition. */
    record Residual(int filters) implements LayerSpec {
        public static final int KERNEL = 3;

        public String token() {
            return "R" + filters;
        }
    }

    /** {@code C<f>}: two plain 3x3 conv-norm-ReLU layers in place of a residual block. */
    record Plain(int filters) implements LayerSpec {
        public static final int KERNEL = 3;

        public String token() {
            return "C" + filters;
        }
    }

    /** {@code u<f>}: x2 upsampling with a 3x3 kernel. */
    record Up(int filters) implements LayerSpec {
        public static final int KERNEL = 3;

        public String token() {
            return "u" + filters;
        }
    }
}
