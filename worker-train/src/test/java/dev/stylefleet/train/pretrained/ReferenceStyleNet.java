package dev.stylefleet.train.pretrained;

import dev.stylefleet.train.net.FloatTensor;
import java.util.Map;

/**
 * An independent plain-Java forward pass of the pretrained fast-style-transfer net, in double
 * precision with plain loops, written from the checkpoint README's layer table alone (variable
 * indices, TensorFlow SAME padding, transposed-conv cropping, instance norm with biased variance
 * and epsilon 1e-3, 150 tanh + 127.5 clipped). It shares no code with {@code TransformerNet} or
 * {@link FastStyleTransferNet}: it reads the reader's arrays by their checkpoint names.
 *
 * <p>The one stylefleet convention it reproduces is the network's pad-to-multiple: the image is
 * reflection-padded at the bottom/right to a multiple of 4 and the output cropped back, so any size
 * gives an output of the input's size (a multiple of 4 is the original net exactly).
 *
 * <p>Activations are {@code [H][W][C]} arrays of one image.
 */
final class ReferenceStyleNet {
    static final double EPSILON = 1e-3;

    private final Map<String, FloatTensor> v;
    private int next;

    private ReferenceStyleNet(Map<String, FloatTensor> variables) {
        this.v = variables;
    }

    /** NHWC [1, H, W, 3] in 0..255 to NHWC [1, H, W, 3] in 0..255. */
    static FloatTensor run(Map<String, FloatTensor> variables, FloatTensor image) {
        return new ReferenceStyleNet(variables).forward(image);
    }

    private FloatTensor forward(FloatTensor image) {
        int h = image.dim(1);
        int w = image.dim(2);
        double[][][] x = new double[h][w][3];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w; i++) {
                for (int c = 0; c < 3; c++) {
                    x[y][i][c] = image.values()[(y * w + i) * 3 + c];
                }
            }
        }
        x = reflectPadBottomRight(x, (4 - h % 4) % 4, (4 - w % 4) % 4);
        x = relu(normed(conv(x, 1)));   // 0: 9x9 s1 3->32
        x = relu(normed(conv(x, 2)));   // 3: 3x3 s2 32->64
        x = relu(normed(conv(x, 2)));   // 6: 3x3 s2 64->128
        for (int b = 0; b < 5; b++) {   // 9..38: residual blocks
            double[][][] y = relu(normed(conv(x, 1)));
            y = normed(conv(y, 1));
            x = add(x, y);
        }
        x = relu(normed(deconv(x)));    // 39: 3x3 s2 128->64
        x = relu(normed(deconv(x)));    // 42: 3x3 s2 64->32
        x = normed(conv(x, 1));         // 45: 9x9 s1 32->3, IN, no ReLU
        if (next != 48) {
            throw new IllegalStateException("used " + next + " variables, the table has 48");
        }
        float[] out = new float[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w; i++) {
                for (int c = 0; c < 3; c++) {
                    double o = 150 * Math.tanh(x[y][i][c]) + 127.5;
                    out[(y * w + i) * 3 + c] = (float) Math.max(0, Math.min(255, o));
                }
            }
        }
        return new FloatTensor(new long[] {1, h, w, 3}, out);
    }

    private FloatTensor take() {
        String name = next == 0 ? "Variable" : "Variable_" + next;
        next++;
        FloatTensor t = v.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no variable " + name);
        }
        return t;
    }

    /** TensorFlow SAME convolution, weights [k, k, in, out] (the next variable). */
    private double[][][] conv(double[][][] x, int s) {
        FloatTensor wt = take();
        int k = wt.dim(0);
        int cin = wt.dim(2);
        int cout = wt.dim(3);
        float[] w = wt.values();
        int h = x.length;
        int wd = x[0].length;
        int oh = (h + s - 1) / s;
        int ow = (wd + s - 1) / s;
        int top = Math.max((oh - 1) * s + k - h, 0) / 2;   // the smaller half first: extra at the bottom
        int left = Math.max((ow - 1) * s + k - wd, 0) / 2;
        double[][][] out = new double[oh][ow][cout];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                double[] acc = out[oy][ox];
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * s + ky - top;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * s + kx - left;
                        if (ix < 0 || ix >= wd) {
                            continue;
                        }
                        double[] in = x[iy][ix];
                        for (int i = 0; i < cin; i++) {
                            int base = ((ky * k + kx) * cin + i) * cout;
                            for (int o = 0; o < cout; o++) {
                                acc[o] += in[i] * w[base + o];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * TensorFlow SAME transposed convolution, stride 2, weights [k, k, out, in]: scatter every input
     * pixel into the full result ((H-1)*2 + k rows), then keep 2H rows starting at the top padding
     * the forward convolution 2H -> H would use (0 for k = 3: the last row and column are dropped).
     */
    private double[][][] deconv(double[][][] x) {
        FloatTensor wt = take();
        int k = wt.dim(0);
        int cout = wt.dim(2);
        int cin = wt.dim(3);
        float[] w = wt.values();
        int s = 2;
        int h = x.length;
        int wd = x[0].length;
        double[][][] full = new double[(h - 1) * s + k][(wd - 1) * s + k][cout];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < wd; i++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double[] acc = full[y * s + ky][i * s + kx];
                        for (int o = 0; o < cout; o++) {
                            int base = ((ky * k + kx) * cout + o) * cin;
                            double sum = 0;
                            for (int c = 0; c < cin; c++) {
                                sum += x[y][i][c] * w[base + c];
                            }
                            acc[o] += sum;
                        }
                    }
                }
            }
        }
        int oh = h * s;
        int ow = wd * s;
        int top = Math.max((h - 1) * s + k - oh, 0) / 2;
        int left = Math.max((wd - 1) * s + k - ow, 0) / 2;
        double[][][] out = new double[oh][ow][];
        for (int y = 0; y < oh; y++) {
            for (int i = 0; i < ow; i++) {
                out[y][i] = full[y + top][i + left];
            }
        }
        return out;
    }

    /** Instance norm with the next two variables: shift (beta), then scale (gamma). */
    private double[][][] normed(double[][][] x) {
        float[] beta = take().values();
        float[] gamma = take().values();
        int h = x.length;
        int w = x[0].length;
        int c = x[0][0].length;
        double[][][] out = new double[h][w][c];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (double[][] row : x) {
                for (double[] px : row) {
                    mean += px[ch];
                }
            }
            mean /= h * w;
            double var = 0;
            for (double[][] row : x) {
                for (double[] px : row) {
                    var += (px[ch] - mean) * (px[ch] - mean);
                }
            }
            var /= h * w; // biased
            double inv = 1 / Math.sqrt(var + EPSILON);
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    out[y][i][ch] = gamma[ch] * (x[y][i][ch] - mean) * inv + beta[ch];
                }
            }
        }
        return out;
    }

    private static double[][][] relu(double[][][] x) {
        for (double[][] row : x) {
            for (double[] px : row) {
                for (int c = 0; c < px.length; c++) {
                    px[c] = Math.max(0, px[c]);
                }
            }
        }
        return x;
    }

    private static double[][][] add(double[][][] a, double[][][] b) {
        for (int y = 0; y < a.length; y++) {
            for (int i = 0; i < a[0].length; i++) {
                for (int c = 0; c < a[0][0].length; c++) {
                    b[y][i][c] += a[y][i][c];
                }
            }
        }
        return b;
    }

    /** TensorFlow MirrorPad REFLECT at the bottom and right only (the edge row is not repeated). */
    private static double[][][] reflectPadBottomRight(double[][][] x, int ph, int pw) {
        int h = x.length;
        int w = x[0].length;
        double[][][] out = new double[h + ph][w + pw][];
        for (int y = 0; y < h + ph; y++) {
            int sy = y < h ? y : 2 * (h - 1) - y;
            for (int i = 0; i < w + pw; i++) {
                int si = i < w ? i : 2 * (w - 1) - i;
                out[y][i] = x[sy][si].clone();
            }
        }
        return out;
    }
}
