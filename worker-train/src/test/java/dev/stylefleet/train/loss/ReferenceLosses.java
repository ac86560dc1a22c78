package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;

/** The losses computed directly in Java with plain loops, as written in the paper; the tests' reference. */
final class ReferenceLosses {

    private ReferenceLosses() {}

    /** Per image, the C x C Gram matrix sum_{h,w} x[h,w,c] x[h,w,c'] / (C H W), row-major. */
    static double[][] gram(Activation a) {
        double[][] grams = new double[a.n()][a.c() * a.c()];
        for (int b = 0; b < a.n(); b++) {
            for (int c1 = 0; c1 < a.c(); c1++) {
                for (int c2 = 0; c2 < a.c(); c2++) {
                    double sum = 0;
                    for (int y = 0; y < a.h(); y++) {
                        for (int x = 0; x < a.w(); x++) {
                            sum += a.at(b, y, x, c1) * a.at(b, y, x, c2);
                        }
                    }
                    grams[b][c1 * a.c() + c2] = sum / (a.c() * a.h() * a.w());
                }
            }
        }
        return grams;
    }

    /** Mean over the batch of ||a - b||^2 / (C H W). */
    static double feature(Activation a, Activation b) {
        double total = 0;
        for (int n = 0; n < a.n(); n++) {
            double sum = 0;
            for (int i = 0; i < a.h() * a.w() * a.c(); i++) {
                int k = n * a.h() * a.w() * a.c() + i;
                sum += (a.data()[k] - b.data()[k]) * (a.data()[k] - b.data()[k]);
            }
            total += sum / (a.c() * a.h() * a.w());
        }
        return total / a.n();
    }

    /** Mean over the batch of ||G(a) - target||_F^2 / C^2. */
    static double styleLayer(Activation a, double[] target) {
        double[][] grams = gram(a);
        double total = 0;
        for (double[] g : grams) {
            double sum = 0;
            for (int i = 0; i < g.length; i++) {
                sum += (g[i] - target[i]) * (g[i] - target[i]);
            }
            total += sum / g.length;
        }
        return total / grams.length;
    }

    /** Mean over the batch of the sum of squared vertical and horizontal neighbour differences. */
    static double totalVariation(Activation image) {
        double total = 0;
        for (int b = 0; b < image.n(); b++) {
            for (int y = 0; y < image.h(); y++) {
                for (int x = 0; x < image.w(); x++) {
                    for (int c = 0; c < image.c(); c++) {
                        if (y + 1 < image.h()) {
                            double d = image.at(b, y + 1, x, c) - image.at(b, y, x, c);
                            total += d * d;
                        }
                        if (x + 1 < image.w()) {
                            double d = image.at(b, y, x + 1, c) - image.at(b, y, x, c);
                            total += d * d;
                        }
                    }
                }
            }
        }
        return total / image.n();
    }

    static double pixelL2(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum / a.length;
    }

    static double pixelL1(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
