package dev.stylefleet.train.pretrained;

/**
 * One variable a pretrained checkpoint must hold, from the layer table of its network: name,
 * shape, and what it is (for error messages), for example
 * {@code Variable_3 [3, 3, 32, 64] "conv weights of layer d64"}.
 */
public record ExpectedVariable(String name, long[] shape, String role) {
    public ExpectedVariable {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
