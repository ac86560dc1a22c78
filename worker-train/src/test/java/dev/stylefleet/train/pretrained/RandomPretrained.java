package dev.stylefleet.train.pretrained;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stylefleet.platform.onnx.Float16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pretrained checkpoints with random values, written in the shared format (tests never read
 * ../shared): weights uniform in +-1/sqrt(fan in), norm shifts around 0 and scales around 1, as a
 * trained net roughly has them.
 */
final class RandomPretrained {
    private RandomPretrained() {}

    /** Writes {@code table} to {@code dir} in {@code dtype}; returns the values written (as read back: half-rounded for float16). */
    static Map<String, float[]> write(Path dir, List<ExpectedVariable> table, long seed,
            PretrainedCheckpoint.Dtype dtype) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Files.createDirectories(dir);
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ExpectedVariable e : table) {
            long[] shape = e.shape();
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            float[] v = new float[n];
            boolean kernel = shape.length == 4;
            double bound = kernel ? 1.0 / Math.sqrt((double) shape[0] * shape[1] * shape[2]) : 0.5;
            boolean scale = e.role().contains("scale");
            for (int i = 0; i < n; i++) {
                float x = (float) ((scale ? 1 : 0) + rnd.nextDouble(-bound, bound));
                v[i] = dtype == PretrainedCheckpoint.Dtype.FLOAT16 ? Float16.round(x) : x;
            }
            ByteBuffer buf = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) {
                if (dtype == PretrainedCheckpoint.Dtype.FLOAT16) {
                    buf.putShort(Float16.fromFloat(x));
                } else {
                    buf.putFloat(x);
                }
            }
            String file = e.name() + (dtype == PretrainedCheckpoint.Dtype.FLOAT16 ? ".f16" : "");
            Files.write(dir.resolve(file), buf.array());
            ObjectNode entry = manifest.putObject(e.name());
            entry.put("filename", file);
            var s = entry.putArray("shape");
            for (long d : shape) {
                s.add(d);
            }
            if (dtype == PretrainedCheckpoint.Dtype.FLOAT16) {
                entry.put("dtype", "float16");
            }
            values.put(e.name(), v);
        }
        Files.writeString(dir.resolve(PretrainedCheckpoint.MANIFEST), manifest.toPrettyString());
        return values;
    }
}
