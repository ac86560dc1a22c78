package dev.stylefleet.train.net;

import java.util.Locale;

/**
 * Names of the network's variables: part of the checkpoint format (TensorFlow restores by op name)
 * and how the ONNX exporter finds each weight. A variable is {@code net.<layer>.<unit>.<tensor>},
 * for example {@code net.l03_R128.conv1.weights} or {@code net.l00_c9s1-32.norm.moving_mean}. Flat
 * names with dots, not scopes with slashes: TensorFlow Java's optimisers create slot variables
 * named {@code <variable>-m} with {@code withName}, which only accepts
 * {@code [A-Za-z0-9.][A-Za-z0-9_.\-]*}.
 */
public final class ParamNames {
    private ParamNames() {}

    public static final String SCOPE = "net";
    public static final String SEPARATOR = ".";

    // Units inside a layer.
    public static final String CONV = "conv";
    public static final String NORM = "norm";
    public static final String DECONV = "deconv";
    public static final String CONV1 = "conv1";
    public static final String NORM1 = "norm1";
    public static final String CONV2 = "conv2";
    public static final String NORM2 = "norm2";

    // Tensors of a unit.
    /** Convolution weights, HWIO {@code [k, k, in, out]}; transposed convolution {@code [k, k, out, in]}. */
    public static final String WEIGHTS = "weights";
    /** Output layer only. */
    public static final String BIAS = "bias";
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    public static final String MOVING_MEAN = "moving_mean";
    public static final String MOVING_VARIANCE = "moving_variance";

    /** Name of layer {@code index} inside {@link #SCOPE}, for example {@code l03_R128}. */
    public static String layer(int index, LayerSpec spec) {
        return String.format(Locale.ROOT, "l%02d_%s", index, spec.token());
    }

    /** Full name of a variable, for example {@code net.l03_R128.conv1.weights}. */
    public static String variable(int index, LayerSpec spec, String unit, String tensor) {
        return join(layerPath(index, spec), unit, tensor);
    }

    /** Full name of a layer, for example {@code net.l03_R128}. */
    public static String layerPath(int index, LayerSpec spec) {
        return join(SCOPE, layer(index, spec));
    }

    public static String join(String... parts) {
        return String.join(SEPARATOR, parts);
    }
}
