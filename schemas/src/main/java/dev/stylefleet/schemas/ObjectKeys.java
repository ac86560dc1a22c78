package dev.stylefleet.schemas;

/**
 * The object-store layout, defined once. Result keys are derived from the job id only, so a
 * redelivered job overwrites its own result instead of creating a second one (idempotent effects).
 */
public final class ObjectKeys {
    private ObjectKeys() {}

    /** Uploaded input image of a job (bucket {@link Buckets#DATA}). */
    public static String input(String tenant, String jobId) {
        return "inputs/" + tenant + "/" + jobId + "/input";
    }

    /** The one result object of a job (bucket {@link Buckets#DATA}). */
    public static String result(String jobId, String extension) {
        return "results/" + jobId + "/result." + extension;
    }

    /** A training checkpoint directory (bucket {@link Buckets#DATA}). */
    public static String checkpoint(String jobId, long step) {
        return "checkpoints/" + jobId + "/step-" + step + "/";
    }

    /** A training preview image (bucket {@link Buckets#DATA}). */
    public static String preview(String jobId, long step) {
        return "previews/" + jobId + "/step-" + step + ".png";
    }

    /** Prefix of one training dataset, {@code datasets/{tenant}/{name}/} (bucket {@link Buckets#DATA}). */
    public static String dataset(String tenant, String name) {
        return "datasets/" + tenant + "/" + name + "/";
    }

    /** An image uploaded through a presigned URL before its job exists (bucket {@link Buckets#DATA}). */
    public static String upload(String tenant, String uploadId) {
        return "uploads/" + tenant + "/" + uploadId;
    }

    /** Prefix of one style's objects: the style image and its thumbnail (bucket {@link Buckets#DATA}). */
    public static String style(String tenant, String styleId) {
        return "styles/" + tenant + "/" + styleId + "/";
    }

    /** Model registry prefix of one model id (bucket {@link Buckets#MODELS}). */
    public static String modelPrefix(String modelId) {
        return "models/" + modelId + "/";
    }

    public static String modelOnnx(String modelId, String version) {
        return modelPrefix(modelId) + version + "/model.onnx";
    }

    /** The int8 variant of a model ({@link Int8Variant}), next to its {@code model.onnx}. */
    public static String modelOnnxInt8(String modelId, String version) {
        return modelPrefix(modelId) + version + "/model-int8.onnx";
    }

    public static String modelManifest(String modelId, String version) {
        return modelPrefix(modelId) + version + "/model.json";
    }

    /**
     * The preview image of a built-in model, next to its {@code model.onnx}: the model applied to a
     * picture the repository owns (never the painting itself; some are not in the public domain).
     */
    public static String modelPreview(String modelId, String version) {
        return modelPrefix(modelId) + version + "/preview.jpg";
    }

    /** The card of a built-in model ({@code card.json}: name, painting, artist, provenance, licence). */
    public static String modelCard(String modelId, String version) {
        return modelPrefix(modelId) + version + "/card.json";
    }

    /** The long-form model card of a built-in model ({@code card.md}: data, training, metrics), when it has one. */
    public static String modelCardMarkdown(String modelId, String version) {
        return modelPrefix(modelId) + version + "/card.md";
    }

    /** The licence notice of a family of built-in models (bucket {@link Buckets#MODELS}). */
    public static String modelNotice(String fileName) {
        return "notices/" + fileName;
    }
}
