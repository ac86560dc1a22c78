package dev.stylefleet.platform.storage;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model registry in the object store: {@code models/{modelId}/{version}/model.onnx} plus
 * {@code model.json} ({@link ModelManifest}), and optionally the int8 variant {@code model-int8.onnx}
 * ({@link Int8Variant}). The manifest is written after the model (and after the variant it names), so a
 * manifest that exists always names complete files. Versions are compared numerically when both
 * are numbers, else lexically; the latest is the default.
 */
public final class ModelRegistry {
    private final ObjectStore store;
    private final String bucket;

    public ModelRegistry(ObjectStore store) {
        this(store, Buckets.MODELS);
    }

    public ModelRegistry(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Stores the model and its manifest; returns the manifest (sha256 and size filled in). */
    public ModelManifest publish(String modelId, String version, String task, int scale, String architecture,
            byte[] onnx, String sourceJob, String tenant, Map<String, String> options) {
        ModelManifest manifest = new ModelManifest(Messages.SCHEMA_VERSION, modelId, version, task, scale,
                architecture, sha256(onnx), onnx.length, Instant.now(), sourceJob, tenant,
                options == null ? Map.of() : new TreeMap<>(options));
        store.put(bucket, ObjectKeys.modelOnnx(modelId, version), onnx, "application/octet-stream");
        store.put(bucket, ObjectKeys.modelManifest(modelId, version), Messages.MODEL_MANIFEST.encode(manifest),
                "application/json");
        return manifest;
    }

    /**
     * Stores {@code int8} as the int8 variant of a published model and rewrites its manifest to name it;
     * {@code figures}' sha256 and size are replaced by the bytes' own. Returns the new manifest.
     */
    public ModelManifest publishInt8(ModelManifest manifest, byte[] int8, Int8Variant figures) {
        Int8Variant variant = new Int8Variant(sha256(int8), int8.length, figures.calibration(), figures.gateImages(),
                figures.thresholdDb(), figures.psnrVsFp32Db(), figures.minPsnrVsFp32Db(), figures.fp32PsnrVsTruthDb(),
                figures.int8PsnrVsTruthDb(), figures.fp32SsimVsTruth(), figures.int8SsimVsTruth());
        ModelManifest updated = manifest.withInt8(variant);
        store.put(bucket, ObjectKeys.modelOnnxInt8(manifest.modelId(), manifest.version()), int8,
                "application/octet-stream");
        store.put(bucket, ObjectKeys.modelManifest(manifest.modelId(), manifest.version()),
                Messages.MODEL_MANIFEST.encode(updated), "application/json");
        return updated;
    }

    /** The int8 variant of a manifest that names one, verified against the manifest's sha256 of it. */
    public byte[] downloadInt8(ModelManifest manifest) {
        if (manifest.int8() == null) {
            throw new IllegalArgumentException("model " + manifest.modelId() + "/" + manifest.version()
                    + " has no int8 variant");
        }
        byte[] bytes = store.get(bucket, ObjectKeys.modelOnnxInt8(manifest.modelId(), manifest.version()));
        String actual = sha256(bytes);
        if (!actual.equals(manifest.int8().sha256())) {
            throw new IllegalStateException("model " + manifest.modelId() + "/" + manifest.version()
                    + " int8 variant has sha256 " + actual + ", manifest says " + manifest.int8().sha256());
        }
        return bytes;
    }

    /** The latest version's manifest of a model, if the model exists. */
    public Optional<ModelManifest> latest(String modelId) {
        return versions(modelId).stream().reduce((a, b) -> b)
                .flatMap(v -> manifest(modelId, v));
    }

    public Optional<ModelManifest> manifest(String modelId, String version) {
        return store.find(bucket, ObjectKeys.modelManifest(modelId, version))
                .map(Messages.MODEL_MANIFEST::decode);
    }

    /** The model file of a manifest, verified against its sha256. */
    public byte[] download(ModelManifest manifest) {
        byte[] bytes = store.get(bucket, ObjectKeys.modelOnnx(manifest.modelId(), manifest.version()));
        String actual = sha256(bytes);
        if (!actual.equals(manifest.sha256())) {
            throw new IllegalStateException("model " + manifest.modelId() + "/" + manifest.version()
                    + " has sha256 " + actual + ", manifest says " + manifest.sha256());
        }
        return bytes;
    }

    /** Versions of a model that have a manifest, oldest first. */
    public List<String> versions(String modelId) {
        String prefix = ObjectKeys.modelPrefix(modelId);
        List<String> versions = new ArrayList<>();
        for (String key : store.list(bucket, prefix)) {
            if (key.endsWith("/model.json")) {
                versions.add(key.substring(prefix.length(), key.length() - "/model.json".length()));
            }
        }
        versions.sort(ModelRegistry::compareVersions);
        return versions;
    }

    /** The latest manifest of every model in the registry. */
    public List<ModelManifest> all() {
        Map<String, String> latest = new TreeMap<>();
        for (String key : store.list(bucket, "models/")) {
            String[] parts = key.split("/");
            if (parts.length == 4 && parts[3].equals("model.json")) {
                latest.merge(parts[1], parts[2], (a, b) -> compareVersions(a, b) >= 0 ? a : b);
            }
        }
        List<ModelManifest> out = new ArrayList<>();
        latest.forEach((id, v) -> manifest(id, v).ifPresent(out::add));
        return out;
    }

    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
