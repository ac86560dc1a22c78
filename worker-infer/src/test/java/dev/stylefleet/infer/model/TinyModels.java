package dev.stylefleet.infer.model;

import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Minimal ONNX models built in code, to exercise the model-interface checks. */
public final class TinyModels {
    private TinyModels() {}

    /** Identity [N,3,H,W] -> [N,3,H,W] whose input is called {@code inputName}. */
    public static byte[] identity(String inputName) {
        return identity("identity", inputName, "N", 3L, "H", "W");
    }

    /** Identity whose input "image" is fixed at [1,3,h,w]. */
    public static byte[] fixedIdentity(int h, int w) {
        return identity("fixed", "image", 1L, 3L, (long) h, (long) w);
    }

    public static ModelManifest manifest(String id, String version, int scale, byte[] onnx) {
        return new ModelManifest(Messages.SCHEMA_VERSION, id, version, "super-resolve", scale, "test",
                ModelRegistry.sha256(onnx), onnx.length, Instant.now(), null, null, Map.of());
    }

    private static byte[] identity(String graph, String inputName, Object... inputDims) {
        OnnxModelBuilder m = new OnnxModelBuilder(graph, 18).input(inputName, TensorProto.DataType.FLOAT, inputDims);
        m.output(m.node("Identity", "out", List.of(inputName)), TensorProto.DataType.FLOAT, "N", 3L, "H", "W");
        return m.toByteArray();
    }
}
