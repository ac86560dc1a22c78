package dev.stylefleet.infer.builtin;

import dev.stylefleet.infer.model.BicubicModel;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The models every deployment has, published by every worker at start (no tenant: every tenant may use
 * them). Every worker publishes byte-identical files, so concurrent starts are harmless, and a model
 * already in the registry with the same sha256 and the same card is left alone.
 *
 * <ul>
 *   <li>the bicubic x4 and x8 super-resolution baselines of the paper (Johnson et al. 2016, Table 3),
 *       built in code by {@link BicubicModel};</li>
 *   <li>the built-in style gallery: {@code styles/{id}/model.onnx}, {@code card.json} and
 *       {@code preview.jpg} under the {@link BuiltinAssets} root, listed by {@code styles/index.json};
 *       task stylize, scale 1;</li>
 *   <li>built-in super-resolution networks: {@code sr/{id}/model.onnx} and {@code card.json} (its
 *       {@code scale}), optionally {@code card.md}, listed by {@code sr/index.json}.</li>
 * </ul>
 *
 * A style or super-resolution built-in may also have an int8 variant, {@value #INT8_MODEL} with the figures of
 * the quality gate it passed in {@value #INT8_FIGURES}; it is published with the model
 * ({@link ModelRegistry#publishInt8}).
 *
 * The card and preview go to the models bucket next to the model ({@link ObjectKeys#modelCard},
 * {@link ObjectKeys#modelPreview}), written before the manifest, so a manifest that exists always has
 * them; the card's fields are also in the manifest's options, which is what the gateway lists. An
 * index's licence notice is stored once under {@link ObjectKeys#modelNotice} and named by each
 * manifest's {@code notice} option.
 */
public final class BuiltinModels {
    private BuiltinModels() {}

    /** The super-resolution factors of the paper. */
    public static final List<Integer> SCALES = List.of(4, 8);
    /** Registry version of the built-in models. */
    public static final String VERSION = "1";
    /** Manifest option that says which family a built-in belongs to. */
    public static final String OPTION_BUILTIN = "builtin";
    /** {@link #OPTION_BUILTIN} of the style gallery's models. */
    public static final String FAMILY_STYLES = "style-gallery";
    /** {@link #OPTION_BUILTIN} of the built-in super-resolution networks. */
    public static final String FAMILY_SR = "super-resolution";
    /** A built-in's int8 variant, next to its {@code model.onnx}, and the figures of the gate it passed. */
    public static final String INT8_MODEL = "model-int8.onnx";
    public static final String INT8_FIGURES = "int8.json";
    static final String STYLE_ARCHITECTURE = "built-in style network (Johnson et al. 2016 transform net)";
    static final String SR_ARCHITECTURE = "built-in super-resolution network (Johnson et al. 2016 transform net)";

    /**
     * What one start published.
     *
     * @param all     the manifest of every built-in, in publishing order (bicubic, styles, sr)
     * @param written those this start wrote (the rest were there already)
     */
    public record Published(List<ModelManifest> all, List<ModelManifest> written) {}

    /**
     * Publishes each bicubic baseline unless the registry already holds an identical one (same sha256)
     * under {@link #VERSION}; returns the manifests it wrote (empty when all were there).
     */
    public static List<ModelManifest> publishIfMissing(ModelRegistry registry) {
        return publishBicubic(registry, new ArrayList<>());
    }

    /** The bicubic baselines plus everything under {@code assets}; see the class comment. */
    public static Published publishAll(ModelRegistry registry, ObjectStore store, BuiltinAssets assets) {
        List<ModelManifest> all = new ArrayList<>();
        List<ModelManifest> written = new ArrayList<>(publishBicubic(registry, all));
        BuiltinIndex styles = index(assets, "styles");
        String styleNotice = notice(store, registry.bucket(), assets, styles);
        for (String id : styles.ids()) {
            String dir = "styles/" + id + "/";
            BuiltinCard card = BuiltinCard.parseStyle(require(assets, dir + "card.json"), id,
                    assets.describe() + "/" + dir + "card.json");
            publishOne(registry, store, assets, dir, card, InferJobRequested.TASK_STYLIZE, FAMILY_STYLES,
                    STYLE_ARCHITECTURE, styleNotice, all, written);
        }
        BuiltinIndex sr = index(assets, "sr");
        String srNotice = notice(store, registry.bucket(), assets, sr);
        for (String id : sr.ids()) {
            String dir = "sr/" + id + "/";
            BuiltinCard card = BuiltinCard.parseSuperResolution(require(assets, dir + "card.json"), id,
                    assets.describe() + "/" + dir + "card.json");
            publishOne(registry, store, assets, dir, card, InferJobRequested.TASK_SUPER_RESOLVE, FAMILY_SR,
                    SR_ARCHITECTURE, srNotice, all, written);
        }
        return new Published(List.copyOf(all), List.copyOf(written));
    }

    private static List<ModelManifest> publishBicubic(ModelRegistry registry, List<ModelManifest> all) {
        List<ModelManifest> published = new ArrayList<>();
        for (int scale : SCALES) {
            String id = BicubicModel.modelId(scale);
            byte[] onnx = BicubicModel.build(scale);
            Optional<ModelManifest> existing = registry.manifest(id, VERSION);
            if (existing.isPresent() && existing.get().sha256().equals(ModelRegistry.sha256(onnx))) {
                all.add(existing.get());
                continue;
            }
            ModelManifest m = registry.publish(id, VERSION, InferJobRequested.TASK_SUPER_RESOLVE, scale,
                    "bicubic: Keys cubic as edge Pad + polyphase Conv + DepthToSpace (opset " + BicubicModel.OPSET + "), Clip [0,255]", onnx, null, null,
                    Map.of("cubic_coeff_a", Float.toString(BicubicModel.CUBIC_COEFF_A),
                            "coordinate_transformation_mode", BicubicModel.COORDINATE_TRANSFORMATION,
                            "reference", "MATLAB imresize bicubic (Johnson et al. 2016, Table 3 baseline)"));
            published.add(m);
            all.add(m);
        }
        return published;
    }

    private static void publishOne(ModelRegistry registry, ObjectStore store, BuiltinAssets assets, String dir,
            BuiltinCard card, String task, String family, String defaultArchitecture, String noticeKey,
            List<ModelManifest> all, List<ModelManifest> written) {
        String id = card.id();
        String bucket = registry.bucket();
        byte[] onnx = require(assets, dir + "model.onnx");
        byte[] cardJson = require(assets, dir + "card.json");
        Optional<byte[]> preview = assets.read(dir + "preview.jpg");
        Optional<byte[]> cardMd = assets.read(dir + "card.md");
        Optional<byte[]> int8 = assets.read(dir + INT8_MODEL);
        Int8Variant int8Figures = int8.isEmpty() ? null : int8Figures(assets, dir + INT8_FIGURES, int8.get());
        Map<String, String> options = new LinkedHashMap<>(card.options());
        options.put(OPTION_BUILTIN, family);
        preview.ifPresent(p -> options.put("previewSha256", ModelRegistry.sha256(p)));
        if (noticeKey != null) {
            options.put("notice", noticeKey);
        }
        String architecture = card.architecture() != null ? card.architecture() : defaultArchitecture;
        Optional<ModelManifest> existing = registry.manifest(id, VERSION);
        if (existing.isPresent() && existing.get().sha256().equals(ModelRegistry.sha256(onnx))
                && new TreeMap<>(options).equals(existing.get().options())
                && existing.get().architecture().equals(architecture) && existing.get().task().equals(task)
                && existing.get().scale() == card.scale() && existing.get().tenant() == null
                && Objects.equals(existing.get().int8(), int8Figures)) {
            all.add(existing.get());
            return;
        }
        // Card and preview before the manifest: a manifest that exists always has them.
        store.put(bucket, ObjectKeys.modelCard(id, VERSION), cardJson, "application/json");
        String previewKey = ObjectKeys.modelPreview(id, VERSION);
        if (preview.isPresent()) {
            store.put(bucket, previewKey, preview.get(), "image/jpeg");
        } else if (store.exists(bucket, previewKey)) {
            store.delete(bucket, previewKey); // an earlier version's preview would show the wrong model
        }
        cardMd.ifPresent(md -> store.put(bucket, ObjectKeys.modelCardMarkdown(id, VERSION), md,
                "text/markdown; charset=utf-8"));
        ModelManifest m = registry.publish(id, VERSION, task, card.scale(), architecture, onnx, null, null, options);
        if (int8.isPresent()) {
            m = registry.publishInt8(m, int8.get(), int8Figures);
        }
        all.add(m);
        written.add(m);
    }

    /**
     * The figures of a shipped int8 variant ({@code int8.json}, an {@link Int8Variant} as JSON, written by the
     * bench module's {@code Int8Builtins} with the gate's figures), with the sha256 and size of its file.
     */
    private static Int8Variant int8Figures(BuiltinAssets assets, String path, byte[] int8) {
        Int8Variant v;
        try {
            v = Messages.JSON.readValue(require(assets, path), Int8Variant.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("built-in file " + assets.describe() + "/" + path + " is not an int8 "
                    + "variant's figures: " + e.getMessage(), e);
        }
        return new Int8Variant(ModelRegistry.sha256(int8), int8.length, v.calibration(), v.gateImages(),
                v.thresholdDb(), v.psnrVsFp32Db(), v.minPsnrVsFp32Db(), v.fp32PsnrVsTruthDb(), v.int8PsnrVsTruthDb(),
                v.fp32SsimVsTruth(), v.int8SsimVsTruth());
    }

    /** The family's index, or an empty one when the root has none (a build without built-in networks). */
    private static BuiltinIndex index(BuiltinAssets assets, String family) {
        String path = family + "/index.json";
        return assets.read(path).map(b -> BuiltinIndex.parse(b, assets.describe() + "/" + path))
                .orElse(BuiltinIndex.EMPTY);
    }

    /** Stores the index's notice (when it has one and it changed); returns its key, or null. */
    private static String notice(ObjectStore store, String bucket, BuiltinAssets assets, BuiltinIndex index) {
        if (index.notice() == null) {
            return null;
        }
        byte[] text = require(assets, index.notice());
        String key = ObjectKeys.modelNotice(index.notice());
        Optional<byte[]> stored = store.find(bucket, key);
        if (stored.isEmpty() || !Arrays.equals(stored.get(), text)) {
            store.put(bucket, key, text, "text/plain; charset=utf-8");
        }
        return key;
    }

    private static byte[] require(BuiltinAssets assets, String path) {
        return assets.read(path).orElseThrow(() -> new IllegalStateException(
                "built-in model file " + assets.describe() + "/" + path + " is missing (listed by its index.json)"));
    }
}
