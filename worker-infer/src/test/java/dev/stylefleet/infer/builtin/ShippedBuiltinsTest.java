package dev.stylefleet.infer.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in tree in the worker's jar is complete: every id its indexes list has a model, a card that
 * parses and names it, and (styles) a preview that decodes; the notice is there. Checked without
 * loading the models, so it stays fast when the real ones ship. The same for a generated directory root.
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
        }
    }
}
