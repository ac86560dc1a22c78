package dev.stylefleet.train.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.platform.onnx.Float16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrained-checkpoint reader on generated checkpoints: both dtypes, the compact writer, every error case. */
class PretrainedCheckpointTest {
    /** A small layer table of the same kind as the real one (conv, shift, scale, transposed conv). */
    static final List<ExpectedVariable> SMALL = List.of(
            new ExpectedVariable("Variable", new long[] {3, 3, 3, 4}, "conv weights"),
            new ExpectedVariable("Variable_1", new long[] {4}, "norm shift"),
            new ExpectedVariable("Variable_2", new long[] {4}, "norm scale"),
            new ExpectedVariable("Variable_3", new long[] {3, 3, 2, 4}, "transposed conv weights"));

    @TempDir
    Path tmp;

    @Test
    void readsFloat32InLayerTableOrder() throws IOException {
        Map<String, float[]> written = RandomPretrained.write(tmp, SMALL, 1, PretrainedCheckpoint.Dtype.FLOAT32);
        PretrainedCheckpoint c = PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL);
        assertThat(c.variables().keySet()).containsExactly("Variable", "Variable_1", "Variable_2", "Variable_3");
        for (ExpectedVariable e : SMALL) {
            assertThat(c.variable(e.name()).shape()).containsExactly(e.shape());
            assertThat(c.variable(e.name()).values()).containsExactly(written.get(e.name()));
        }
        assertThat(c.storedDtype()).isEqualTo(PretrainedCheckpoint.Dtype.FLOAT32);
        assertThat(c.valueCount()).isEqualTo(108 + 4 + 4 + 72);
    }

    @Test
    void readsFloat16WidenedExactly() throws IOException {
        Map<String, float[]> written = RandomPretrained.write(tmp, SMALL, 2, PretrainedCheckpoint.Dtype.FLOAT16);
        PretrainedCheckpoint c = PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL);
        assertThat(c.storedDtype()).isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
        for (ExpectedVariable e : SMALL) {
            assertThat(c.variable(e.name()).values()).containsExactly(written.get(e.name()));
        }
    }

    @Test
    void compactFormRoundTripsTheFullLayerTable() throws IOException {
        List<ExpectedVariable> table = FastStyleTransferNet.layerTable();
        assertThat(table).hasSize(48);
        assertThat(table.stream().mapToLong(e -> count(e.shape())).sum()).isEqualTo(1_677_638L);
        Map<String, float[]> written = RandomPretrained.write(tmp.resolve("f32"), table, 3,
                PretrainedCheckpoint.Dtype.FLOAT32);
        PretrainedCheckpoint full = PretrainedCheckpoint.read(CheckpointSource.directory(tmp.resolve("f32")), table);
        double maxError = full.writeCompact(tmp.resolve("f16"));
        PretrainedCheckpoint compact = PretrainedCheckpoint.read(CheckpointSource.directory(tmp.resolve("f16")), table);
        assertThat(compact.storedDtype()).isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
        double worst = 0;
        long oneD = 0;
        for (ExpectedVariable e : table) {
            float[] a = written.get(e.name());
            float[] b = compact.variable(e.name()).values();
            // Kernels (rank >= 2) as float16; 1-D variables (norm scale/shift) float32, unrounded:
            // rounding those moved the wave built-in's output by up to 11.5 levels of 0..255.
            boolean half = e.shape().length >= 2;
            assertThat(compact.dtypes().get(e.name())).as(e.name())
                    .isEqualTo(half ? PretrainedCheckpoint.Dtype.FLOAT16 : PretrainedCheckpoint.Dtype.FLOAT32);
            assertThat(Files.size(tmp.resolve("f16").resolve(e.name()))).as(e.name())
                    .isEqualTo(count(e.shape()) * (half ? 2 : 4));
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isEqualTo(half ? Float16.round(a[i]) : a[i]);
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            oneD += half ? 0 : count(e.shape());
        }
        assertThat(oneD).isEqualTo(3_206L);
        assertThat(maxError).isEqualTo(worst).isLessThan(1e-3);
        assertThat(Files.size(tmp.resolve("f16").resolve("Variable_9"))).isEqualTo(3 * 3 * 128 * 128 * 2);
        // Rounding in memory gives the values the compact form holds.
        PretrainedCheckpoint rounded = full.roundedToFloat16();
        for (ExpectedVariable e : table) {
            assertThat(rounded.variable(e.name()).values()).as(e.name())
                    .containsExactly(compact.variable(e.name()).values());
            assertThat(rounded.dtypes().get(e.name())).isEqualTo(compact.dtypes().get(e.name()));
        }
        assertThat(rounded.storedDtype()).isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
    }

    @Test
    void readsAnyManifestWithoutATable() throws IOException {
        RandomPretrained.write(tmp, SMALL, 4, PretrainedCheckpoint.Dtype.FLOAT32);
        assertThat(PretrainedCheckpoint.read(tmp).variables()).hasSize(4);
    }

    @Test
    void noManifest() {
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a pretrained checkpoint: no manifest.json in " + tmp);
    }

    @Test
    void manifestNotJson() throws IOException {
        Files.writeString(tmp.resolve("manifest.json"), "{\"Variable\": ");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("is not valid JSON");
        Files.writeString(tmp.resolve("manifest.json"), "[1, 2]");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("must be a JSON object");
        Files.writeString(tmp.resolve("manifest.json"), "{}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("lists no variables");
    }

    @Test
    void missingFile() throws IOException {
        RandomPretrained.write(tmp, SMALL, 5, PretrainedCheckpoint.Dtype.FLOAT32);
        Files.delete(tmp.resolve("Variable_2"));
        assertThatThrownBy(() -> PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL))
                .hasMessageContaining("variable Variable_2: file Variable_2 is missing in " + tmp);
    }

    @Test
    void truncatedFile() throws IOException {
        RandomPretrained.write(tmp, SMALL, 6, PretrainedCheckpoint.Dtype.FLOAT32);
        byte[] b = Files.readAllBytes(tmp.resolve("Variable_3"));
        Files.write(tmp.resolve("Variable_3"), java.util.Arrays.copyOf(b, b.length - 1));
        assertThatThrownBy(() -> PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL))
                .hasMessageContaining("variable Variable_3: file Variable_3")
                .hasMessageContaining("has 287 bytes; shape [3, 3, 2, 4] of float32 needs 288");
    }

    @Test
    void float32FileDeclaredFloat16IsTheWrongSize() throws IOException {
        RandomPretrained.write(tmp, SMALL, 7, PretrainedCheckpoint.Dtype.FLOAT32);
        String m = Files.readString(tmp.resolve("manifest.json"))
                .replace("\"filename\" : \"Variable_1\"", "\"filename\" : \"Variable_1\", \"dtype\" : \"float16\"");
        Files.writeString(tmp.resolve("manifest.json"), m);
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp))
                .hasMessageContaining("has 16 bytes; shape [4] of float16 needs 8");
    }

    @Test
    void wrongShapeAgainstTheLayerTable() throws IOException {
        List<ExpectedVariable> other = List.of(SMALL.get(0), SMALL.get(1), SMALL.get(2),
                new ExpectedVariable("Variable_3", new long[] {3, 3, 4, 2}, "conv weights"));
        RandomPretrained.write(tmp, other, 8, PretrainedCheckpoint.Dtype.FLOAT32);
        assertThatThrownBy(() -> PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL))
                .hasMessageContaining("does not match the layer table")
                .hasMessageContaining("variable Variable_3 has shape [3, 3, 4, 2]; the layer table expects [3, 3, 2, 4] "
                        + "(transposed conv weights)");
    }

    @Test
    void missingAndExtraVariables() throws IOException {
        RandomPretrained.write(tmp, List.of(SMALL.get(0), SMALL.get(1), SMALL.get(2),
                new ExpectedVariable("Variable_4", new long[] {2}, "stray")), 9, PretrainedCheckpoint.Dtype.FLOAT32);
        assertThatThrownBy(() -> PretrainedCheckpoint.read(CheckpointSource.directory(tmp), SMALL))
                .hasMessageContaining("variable Variable_3 (transposed conv weights, shape [3, 3, 2, 4]) is missing")
                .hasMessageContaining("unexpected variable(s) [Variable_4]");
    }

    @Test
    void malformedEntries() throws IOException {
        Files.write(tmp.resolve("v"), new byte[16]);
        manifest("{\"a\": {\"filename\": \"../v\", \"shape\": [4]}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("must be a plain file name");
        manifest("{\"a\": {\"shape\": [4]}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("\"filename\" is missing");
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [4, -1]}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("must hold positive integers");
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": \"4\"}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("\"shape\" must be an array");
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [4], \"dtype\": \"int8\"}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp))
                .hasMessageContaining("variable a: dtype must be float32 or float16, got 'int8'");
        manifest("{\"a\": 3}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp)).hasMessageContaining("entry must be an object");
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [4]}}");
        assertThat(PretrainedCheckpoint.read(tmp).variable("a").values()).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void nonFiniteValues() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(Float.NaN);
        Files.write(tmp.resolve("v"), b.array());
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [2]}}");
        assertThatThrownBy(() -> PretrainedCheckpoint.read(tmp))
                .hasMessageContaining("variable a: file v holds a non-finite value (NaN) at index 1");
    }

    @Test
    void compactFormRefusesValuesOutsideTheHalfRange() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(70000f);
        Files.write(tmp.resolve("v"), b.array());
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [1, 2]}}");
        PretrainedCheckpoint c = PretrainedCheckpoint.read(tmp);
        assertThatThrownBy(() -> c.writeCompact(tmp.resolve("out")))
                .hasMessageContaining("variable a: value 70000.0 at index 1 is outside the float16 range");
        assertThatThrownBy(c::roundedToFloat16)
                .hasMessageContaining("variable a: value 70000.0 at index 1 is outside the float16 range");
    }

    @Test
    void compactFormKeepsOneDimensionalVariablesInFloat32() throws IOException {
        // A 1-D variable is never half: not rounded, not range-limited (see Float16.storedAsHalf).
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.0001f).putFloat(70000f);
        Files.write(tmp.resolve("v"), b.array());
        manifest("{\"a\": {\"filename\": \"v\", \"shape\": [2]}}");
        PretrainedCheckpoint c = PretrainedCheckpoint.read(tmp);
        c.writeCompact(tmp.resolve("out"));
        PretrainedCheckpoint compact = PretrainedCheckpoint.read(tmp.resolve("out"));
        assertThat(compact.dtypes()).containsEntry("a", PretrainedCheckpoint.Dtype.FLOAT32);
        assertThat(compact.variable("a").values()).containsExactly(1.0001f, 70000f);
        assertThat(c.roundedToFloat16().variable("a").values()).containsExactly(1.0001f, 70000f);
        assertThat(Files.readString(tmp.resolve("out").resolve("manifest.json"))).contains("\"float32\"");
    }

    private void manifest(String json) throws IOException {
        Files.writeString(tmp.resolve("manifest.json"), json);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
