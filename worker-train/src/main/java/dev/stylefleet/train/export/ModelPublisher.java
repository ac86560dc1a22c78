package dev.stylefleet.train.export;

import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the ONNX export of a checkpoint to the model registry:
 * {@code models/{modelId}/{version}/model.onnx} plus {@code model.json} (architecture, task, scale,
 * sha256, created, source job; options as strings). Task is {@value #STYLIZE} for scale 1, else
 * {@value #SUPER_RESOLVE}. Publishing the same id and version again overwrites it (idempotent).
 */
public final class ModelPublisher {
    public static final String STYLIZE = "stylize";
    public static final String SUPER_RESOLVE = "super-resolve";

    private final ModelRegistry registry;

    public ModelPublisher(ModelRegistry registry) {
        this.registry = registry;
    }

    public ModelManifest publish(Path checkpointDir, String modelId, String version, String sourceJob, String tenant) {
        CheckpointMetadata m = Checkpoint.readMetadata(checkpointDir);
        byte[] onnx = OnnxExporter.exportCheckpoint(checkpointDir);
        int scale = m.arch().scale();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("norm", m.options().norm());
        options.put("upsample", m.options().upsample());
        options.put("padding", m.options().padding());
        options.put("width", Double.toString(m.options().width()));
        options.put("netOptions", m.netOptions().describe());
        options.put("step", Long.toString(m.step()));
        options.put("minInputSide", Integer.toString(m.arch().minInputSide(m.netOptions())));
        if (m.preset() != null) {
            options.put("preset", m.preset());
        }
        return registry.publish(modelId, version, scale == 1 ? STYLIZE : SUPER_RESOLVE, scale, m.architecture(), onnx,
                sourceJob, tenant, options);
    }
}
