package dev.stylefleet.train.loss;

/** Which distance {@link PixelLoss} uses. */
public enum PixelNorm {
    /** Mean squared error: the paper's pixel loss (Section 3.3). */
    L2,
    /** Mean absolute error: less sensitive to outliers, a common alternative for super-resolution. */
    L1
}
