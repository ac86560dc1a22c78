package dev.stylefleet.train.vgg;

import java.util.Arrays;

/**
 * The weights of one 3x3 convolution layer as stored by Keras with TensorFlow dimension ordering.
 *
 * @param name   Keras layer name, for example {@code block1_conv1}
 * @param kernel kernel values, flattened row-major in HWIO order: [kernelHeight, kernelWidth, inChannels, outChannels]
 * @param shape  the kernel shape {kernelHeight, kernelWidth, inChannels, outChannels}
 * @param bias   one bias per output channel
 */
public record ConvLayerWeights(String name, float[] kernel, long[] shape, float[] bias) {

    public ConvLayerWeights {
        if (shape.length != 4) {
            throw new IllegalArgumentException(name + ": kernel must have rank 4 (HWIO), got shape " + Arrays.toString(shape));
        }
        long size = shape[0] * shape[1] * shape[2] * shape[3];
        if (kernel.length != size) {
            throw new IllegalArgumentException(name + ": kernel has " + kernel.length + " values, shape "
                    + Arrays.toString(shape) + " needs " + size);
        }
        if (bias.length != shape[3]) {
            throw new IllegalArgumentException(name + ": bias has " + bias.length + " values, the kernel has "
                    + shape[3] + " output channels");
        }
    }

    public int inChannels() {
        return (int) shape[2];
    }

    public int outChannels() {
        return (int) shape[3];
    }

    /** Kernel value at (row, column, input channel, output channel). */
    public float kernelAt(int row, int column, int in, int out) {
        return kernel[(int) (((row * shape[1] + column) * shape[2] + in) * shape[3] + out)];
    }
}
