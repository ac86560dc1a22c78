package dev.stylefleet.train.vgg;

import java.util.EnumMap;
import java.util.Map;

/**
 * VGG-16 through relu4_3 computed directly in Java (double precision, plain loops): the independent
 * reference the TensorFlow graph is compared with. Written from the architecture (3x3 SAME convolutions,
 * bias, ReLU, 2x2/2 VALID max pooling) and Keras' preprocessing, not from the production code.
 */
public final class ReferenceVgg16 {

    /** An NHWC activation. */
    public record Activation(int n, int h, int w, int c, double[] data) {
        public double at(int b, int y, int x, int ch) {
            return data[((b * h + y) * w + x) * c + ch];
        }
    }

    private static final String[][] BLOCKS = {
            {"block1_conv1", "block1_conv2"},
            {"block2_conv1", "block2_conv2"},
            {"block3_conv1", "block3_conv2", "block3_conv3"},
            {"block4_conv1", "block4_conv2", "block4_conv3"}};

    private ReferenceVgg16() {}

    /** Keras "caffe" preprocessing: BGR order, minus the ImageNet means (103.939, 116.779, 123.68). */
    public static Activation preprocess(Activation rgb) {
        double[] mean = {103.939, 116.779, 123.68};
        double[] out = new double[rgb.data().length];
        for (int p = 0; p < rgb.n() * rgb.h() * rgb.w(); p++) {
            for (int ch = 0; ch < 3; ch++) {
                out[p * 3 + ch] = rgb.data()[p * 3 + (2 - ch)] - mean[ch];
            }
        }
        return new Activation(rgb.n(), rgb.h(), rgb.w(), 3, out);
    }

    public static Map<Vgg16FeatureLayer, Activation> features(Vgg16Weights weights, Activation rgb) {
        Map<Vgg16FeatureLayer, Activation> features = new EnumMap<>(Vgg16FeatureLayer.class);
        Activation x = preprocess(rgb);
        Vgg16FeatureLayer[] taps = Vgg16FeatureLayer.values();
        for (int block = 0; block < BLOCKS.length; block++) {
            if (block > 0) {
                x = maxPool(x);
            }
            for (String layer : BLOCKS[block]) {
                x = convRelu(x, weights.layer(layer));
            }
            features.put(taps[block], x);
        }
        return features;
    }

    static Activation convRelu(Activation x, ConvLayerWeights w) {
        int out = w.outChannels();
        double[] y = new double[x.n() * x.h() * x.w() * out];
        for (int b = 0; b < x.n(); b++) {
            for (int r = 0; r < x.h(); r++) {
                for (int c = 0; c < x.w(); c++) {
                    for (int o = 0; o < out; o++) {
                        double sum = w.bias()[o];
                        for (int kr = 0; kr < 3; kr++) {
                            for (int kc = 0; kc < 3; kc++) {
                                int rr = r + kr - 1;
                                int cc = c + kc - 1;
                                if (rr < 0 || rr >= x.h() || cc < 0 || cc >= x.w()) {
                                    continue; // SAME padding with zeros
                                }
                                for (int i = 0; i < x.c(); i++) {
                                    sum += x.at(b, rr, cc, i) * w.kernelAt(kr, kc, i, o);
                                }
                            }
                        }
                        y[((b * x.h() + r) * x.w() + c) * out + o] = Math.max(0, sum);
                    }
                }
            }
        }
        return new Activation(x.n(), x.h(), x.w(), out, y);
    }

    static Activation maxPool(Activation x) {
        int h = x.h() / 2;
        int w = x.w() / 2;
        double[] y = new double[x.n() * h * w * x.c()];
        for (int b = 0; b < x.n(); b++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    for (int ch = 0; ch < x.c(); ch++) {
                        double m = Math.max(Math.max(x.at(b, 2 * r, 2 * c, ch), x.at(b, 2 * r, 2 * c + 1, ch)),
                                Math.max(x.at(b, 2 * r + 1, 2 * c, ch), x.at(b, 2 * r + 1, 2 * c + 1, ch)));
                        y[((b * h + r) * w + c) * x.c() + ch] = m;
                    }
                }
            }
        }
        return new Activation(x.n(), h, w, x.c(), y);
    }
}
