package dev.stylefleet.schemas;

import java.util.List;

/** Object-store buckets. Names are the defaults; deployments may prefix them through configuration. */
public final class Buckets {
    private Buckets() {}

    /** Job inputs, results, checkpoints, previews and datasets. */
    public static final String DATA = "stylefleet-data";
    /** The model registry: {@code models/{modelId}/{version}/model.onnx} plus {@code model.json}. */
    public static final String MODELS = "stylefleet-models";

    public static final List<String> ALL = List.of(DATA, MODELS);
}
