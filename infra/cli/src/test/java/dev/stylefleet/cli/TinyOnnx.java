package dev.stylefleet.cli;

import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.util.List;

/** ONNX models built in code for the end-to-end tests: small, exact, and following the model interface. */
final class TinyOnnx {
    private TinyOnnx() {}

    /**
     * A "style" whose output is the photographic negative, {@code 255 - image}: input {@code image} float32
     * [N,3,H,W] in [0,255], output the same shape and range (scale 1), so a test can predict every pixel.
     */
    static byte[] negative() {
        OnnxModelBuilder m = new OnnxModelBuilder("negative", 18)
                .input("image", TensorProto.DataType.FLOAT, "N", 3L, "H", "W");
        String out = m.node("Sub", "out", List.of(m.scalar("c255", 255f), "image"));
        m.output(out, TensorProto.DataType.FLOAT, "N", 3L, "H", "W");
        return m.toByteArray();
    }
}
