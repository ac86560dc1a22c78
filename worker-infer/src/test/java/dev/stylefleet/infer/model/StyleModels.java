package dev.stylefleet.infer.model;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.ModelRegistry;
import java.time.Instant;
import java.util.Map;

/** Random-weight style networks (the paper's layout, small widths) loaded for tests. */
public final class StyleModels {
    private StyleModels() {}

    public static ModelManifest manifest(String id, int scale, String task, byte[] onnx) {
        return new ModelManifest(Messages.SCHEMA_VERSION, id, "1", task, scale, "test", ModelRegistry.sha256(onnx),
                onnx.length, Instant.now(), null, null, Map.of());
    }

    public static LoadedModel tiny(boolean instanceNorm, StyleNetOnnx.Upsample upsample) {
        byte[] onnx = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(instanceNorm, upsample, 1));
        return LoadedModel.load(OrtEnvironment.getEnvironment(),
                manifest("tiny-style", 1, InferJobRequested.TASK_STYLIZE, onnx), onnx, 1);
    }

    public static LoadedModel bicubic(int scale) {
        byte[] onnx = BicubicModel.build(scale);
        return LoadedModel.load(OrtEnvironment.getEnvironment(),
                manifest(BicubicModel.modelId(scale), scale, InferJobRequested.TASK_SUPER_RESOLVE, onnx), onnx, 1);
    }
}
