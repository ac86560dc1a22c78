package dev.stylefleet.infer.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in tree in the worker's jar is complete: every id its indexes list has a model, a card that
 * parses and names it, and (styles) a preview that decodes; the notice is there. Checked without
 * loading the fp32 models, so it stays fast when the real ones ship; a shipped int8 variant is checked against its
 * int8.json and loaded. The same for a generated directory root.
 */
class ShippedBuiltinsTest {
    @Test
    void theJarsBuiltinTreeIsComplete() throws Exception {
        check(BuiltinAssets.at(BuiltinAssets.DEFAULT_ROOT));
        BuiltinIndex styles = BuiltinIndex.parse(BuiltinAssets.at(BuiltinAssets.DEFAULT_ROOT).read("styles/index.json")
                .orElseThrow(), "styles/index.json");
        assertThat(styles.notice()).as("the fast-style-transfer licence notice ships with the styles")
                .isEqualTo("NOTICE-fast-style-transfer.txt");
    }

    @Test
    void aGeneratedDirectoryRootReadsTheSame(@TempDir Path dir) throws Exception {
        GeneratedBuiltins.writeStyles(dir, List.of("alpha", "beta"), StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 1));
        BuiltinAssets assets = BuiltinAssets.at(dir.toString());
        check(assets);
        assertThat(assets.read("styles/alpha/model.onnx")).isPresent();
        assertThat(assets.read("styles/gamma/model.onnx")).isEmpty();
        assertThat(assets.read("sr/index.json")).isEmpty();
    }

    static void check(BuiltinAssets assets) throws Exception {
        BuiltinIndex styles = assets.read("styles/index.json").map(b -> BuiltinIndex.parse(b, "styles/index.json"))
                .orElse(BuiltinIndex.EMPTY);
        for (String id : styles.ids()) {
            String dir = "styles/" + id + "/";
            assertThat(assets.read(dir + "model.onnx")).as(dir + "model.onnx").isPresent();
            BuiltinCard.parseStyle(assets.read(dir + "card.json").orElseThrow(), id, dir + "card.json");
            byte[] preview = assets.read(dir + "preview.jpg").orElseThrow(() -> new AssertionError(dir + "preview.jpg"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview));
            assertThat(image).as(dir + "preview.jpg decodes").isNotNull();
            checkInt8(assets, dir, false);
        }
        if (styles.notice() != null) {
            assertThat(assets.read(styles.notice())).as(styles.notice()).isPresent();
        }
        BuiltinIndex sr = assets.read("sr/index.json").map(b -> BuiltinIndex.parse(b, "sr/index.json"))
                .orElse(BuiltinIndex.EMPTY);
        for (String id : sr.ids()) {
            String dir = "sr/" + id + "/";
            assertThat(assets.read(dir + "model.onnx")).as(dir + "model.onnx").isPresent();
            BuiltinCard.parseSuperResolution(assets.read(dir + "card.json").orElseThrow(), id, dir + "card.json");
            checkInt8(assets, dir, true);
        }
    }

    /**
     * An int8 variant ships as a pair: {@code model-int8.onnx} and {@code int8.json} whose sha256 and size are
     * the file's, whose figures passed the gate (PSNR vs fp32 at least the threshold; SR: at most 0.05 dB lost
     * against ground truth), and which ONNX Runtime loads.
     */
    static void checkInt8(BuiltinAssets assets, String dir, boolean sr) throws Exception {
        Optional<byte[]> model = assets.read(dir + BuiltinModels.INT8_MODEL);
        Optional<byte[]> json = assets.read(dir + BuiltinModels.INT8_FIGURES);
        assertThat(model.isPresent()).as(dir + ": model-int8.onnx and int8.json ship together").isEqualTo(json.isPresent());
        if (model.isEmpty()) {
            return;
        }
        Int8Variant v = Messages.JSON.readValue(json.get(), Int8Variant.class);
        assertThat(v.sha256()).as(dir + "int8.json sha256").isEqualTo(ModelRegistry.sha256(model.get()));
        assertThat(v.sizeBytes()).as(dir + "int8.json sizeBytes").isEqualTo(model.get().length);
        assertThat(v.gateImages()).isPositive();
        assertThat(v.psnrVsFp32Db()).as(dir + " passed the gate").isGreaterThanOrEqualTo(v.thresholdDb());
        if (sr) {
            assertThat(v.fp32PsnrVsTruthDb() - v.int8PsnrVsTruthDb()).as(dir + " dB lost vs ground truth")
                    .isLessThanOrEqualTo(0.05);
            assertThat(v.int8SsimVsTruth()).isNotNull();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.get())) {
            assertThat(s.getInputNames()).hasSize(1);
        }
    }
}
