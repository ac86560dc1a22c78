package dev.stylefleet.train.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the fixture that {@code src/test/node/parity.mjs} checks in onnxruntime-node: exports of
 * random networks (non-trivial norm statistics), input images and the TensorFlow outputs, all NCHW
 * float32 little-endian. Run by {@link NodeRuntimeParityIT}, or by hand (docs/networks.md):
 * {@code java -cp <test classpath> dev.stylefleet.train.export.NodeParityFixture DIR}.
 */
public final class NodeParityFixture {
    private NodeParityFixture() {}

    record Case(String preset, NetOptions options, int n, int h, int w) {
        String name() {
            return preset + "-" + options.describe().replace('/', '-');
        }
    }

    static final List<Case> CASES = List.of(
            new Case("style", NetOptions.PAPER, 1, 64, 64),
            new Case("style", new NetOptions(NetOptions.Norm.BATCH, NetOptions.Upsample.DECONV, NetOptions.Padding.ZERO, 0.25), 1, 37, 29),
            new Case("style", new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.RESIZE, NetOptions.Padding.REFLECT, 0.25), 2, 40, 32),
            new Case("style-plain", new NetOptions(NetOptions.Norm.BATCH, NetOptions.Upsample.RESIZE, NetOptions.Padding.REFLECT, 0.25), 1, 33, 35),
            new Case("sr4", new NetOptions(NetOptions.Norm.BATCH, NetOptions.Upsample.DECONV, NetOptions.Padding.REFLECT, 0.25), 1, 13, 11),
            new Case("sr8", new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.RESIZE, NetOptions.Padding.ZERO, 0.25), 1, 9, 12));

    public static void main(String[] args) throws Exception {
        write(Path.of(args.length > 0 ? args[0] : "target/node-parity"));
    }

    /** Writes every case and {@code cases.json} into {@code dir}. */
    public static void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<Map<String, Object>> cases = new ArrayList<>();
        int seed = 1;
        for (Case c : CASES) {
            ArchSpec arch = ArchSpec.preset(c.preset());
            try (TransformerSession s = TransformerSession.create(arch, c.options(), seed, 2)) {
                RandomWeights.randomizeNorms(s, seed);
                FloatTensor image = TestImages.nhwc(c.n(), c.h(), c.w(), seed);
                FloatTensor expected = s.run(image).nhwcToNchw();
                FloatTensor input = image.nhwcToNchw();
                Files.write(dir.resolve(c.name() + ".onnx"), OnnxExporter.export(arch, c.options(), s.readVariables(),
                        Map.of()));
                writeFloats(dir.resolve(c.name() + ".input.bin"), input.values());
                writeFloats(dir.resolve(c.name() + ".expected.bin"), expected.values());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", c.name());
                entry.put("model", c.name() + ".onnx");
                entry.put("input", c.name() + ".input.bin");
                entry.put("inputShape", input.shape());
                entry.put("expected", c.name() + ".expected.bin");
                entry.put("expectedShape", expected.shape());
                cases.add(entry);
            }
            seed++;
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tolerance", OnnxParityTest.TOLERANCE);
        spec.put("cases", cases);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("cases.json").toFile(), spec);
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
