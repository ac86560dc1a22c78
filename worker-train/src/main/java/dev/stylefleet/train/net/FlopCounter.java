package dev.stylefleet.train.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Floating-point operations of one forward pass, counted from the architecture string: 2 per
 * multiply-accumulate of every convolution (a transposed convolution counts its k*k*in*out MACs
 * per input pixel). Norms, ReLU, additions, padding and the tanh are element-wise and left out
 * (under 1% of the total for the presets). Sizes are those of the input padded to a multiple of
 * the downsampling factor, which is what the layers compute on.
 */
public final class FlopCounter {
    private FlopCounter() {}

    /** FLOPs of one layer at its input size {@code h x w}. */
    public record LayerFlops(String layer, int inH, int inW, int outH, int outW, long flops) {}

    public static List<LayerFlops> perLayer(ArchSpec arch, NetOptions options, int height, int width) {
        int d = arch.downsampleFactor();
        int h = ((height + d - 1) / d) * d;
        int w = ((width + d - 1) / d) * d;
        int in = 3;
        List<LayerFlops> out = new ArrayList<>();
        List<LayerSpec> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            int c = i == layers.size() - 1 ? l.filters() : options.channels(l.filters());
            long flops;
            int oh;
            int ow;
            if (l instanceof LayerSpec.Conv conv) {
                oh = h / conv.stride();
                ow = w / conv.stride();
                flops = conv(conv.kernel(), in, c, oh, ow);
            } else if (l instanceof LayerSpec.Down) {
                oh = h / 2;
                ow = w / 2;
                flops = conv(LayerSpec.Down.KERNEL, in, c, oh, ow);
            } else if (l instanceof LayerSpec.Residual || l instanceof LayerSpec.Plain) {
                oh = h;
                ow = w;
                flops = conv(3, in, c, oh, ow) + conv(3, c, c, oh, ow);
            } else {
                oh = 2 * h;
                ow = 2 * w;
                flops = options.upsample() == NetOptions.Upsample.DECONV
                        ? conv(LayerSpec.Up.KERNEL, in, c, h, w) // k*k*in*out MACs per input pixel
                        : conv(LayerSpec.Up.KERNEL, in, c, oh, ow);
            }
            out.add(new LayerFlops(ParamNames.layerPath(i, l), h, w, oh, ow, flops));
            h = oh;
            w = ow;
            in = c;
        }
        return out;
    }

    /** Total FLOPs for one image (batch 1). */
    public static long count(ArchSpec arch, NetOptions options, int height, int width) {
        long total = 0;
        for (LayerFlops l : perLayer(arch, options, height, width)) {
            total += l.flops();
        }
        return total;
    }

    private static long conv(int k, int in, int out, int h, int w) {
        return 2L * k * k * in * out * h * w;
    }
}
