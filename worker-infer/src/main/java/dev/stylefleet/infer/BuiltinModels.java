package dev.stylefleet.infer;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.storage.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models every deployment has: the bicubic x4 and x8 super-resolution baselines of the paper
 * (Johnson et al. 2016, Table 3), built in code by {@link BicubicModel}. Workers publish them at start;
 * every worker builds byte-identical files, so concurrent starts are harmless.
 */
public final class BuiltinModels {
    private BuiltinModels() {}

    /** The super-resolution factors of the paper. */
    public static final List<Integer> SCALES = List.of(4, 8);
    /** Registry version of the built-in models. */
    public static final String VERSION = "1";

    /**
     * Publishes each built-in model unless the registry already holds an identical one (same sha256)
     * under {@link #VERSION}; returns the manifests it wrote (empty when all were there).
     */
    public static List<ModelManifest> publishIfMissing(ModelRegistry registry) {
        List<ModelManifest> published = new ArrayList<>();
        for (int scale : SCALES) {
            String id = BicubicModel.modelId(scale);
            byte[] onnx = BicubicModel.build(scale);
            Optional<ModelManifest> existing = registry.manifest(id, VERSION);
            if (existing.isPresent() && existing.get().sha256().equals(ModelRegistry.sha256(onnx))) {
                continue;
            }
            published.add(registry.publish(id, VERSION, InferJobRequested.TASK_SUPER_RESOLVE, scale,
                    "bicubic: Keys cubic as edge Pad + polyphase Conv + DepthToSpace (opset " + BicubicModel.OPSET + "), Clip [0,255]", onnx, null, null,
                    Map.of("cubic_coeff_a", Float.toString(BicubicModel.CUBIC_COEFF_A),
                            "coordinate_transformation_mode", BicubicModel.COORDINATE_TRANSFORMATION,
                            "reference", "MATLAB imresize bicubic (Johnson et al. 2016, Table 3 baseline)")));
        }
        return published;
    }
}
