package dev.stylefleet.train.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversion of a generated pretrained checkpoint into a stylefleet checkpoint and ONNX model. */
class PretrainedImportTest {
    @TempDir
    Path tmp;

    @Test
    void mappingCoversEveryVariableOfTheNetOnce() {
        try (TransformerSession s = TransformerSession.create(FastStyleTransferNet.ARCH, FastStyleTransferNet.OPTIONS,
                0, 1)) {
            Map<String, FloatTensor> vars = s.readVariables();
            assertThat(FastStyleTransferNet.mappings()).hasSize(48);
            assertThat(FastStyleTransferNet.mappings().stream().map(FastStyleTransferNet.Mapping::target)
                    .collect(Collectors.toSet())).isEqualTo(vars.keySet());
            for (FastStyleTransferNet.Mapping m : FastStyleTransferNet.mappings()) {
                assertThat(vars.get(m.target()).shape()).as(m.target()).containsExactly(m.shape());
            }
        }
        assertThat(FastStyleTransferNet.mappings().get(45).target()).isEqualTo("net.l10_c9s1-3.conv.weights");
        assertThat(FastStyleTransferNet.mappings().get(46).target()).isEqualTo("net.l10_c9s1-3.norm.beta");
        assertThat(FastStyleTransferNet.mappings().get(47).target()).isEqualTo("net.l10_c9s1-3.norm.gamma");
        assertThat(FastStyleTransferNet.mappings().get(39).target()).isEqualTo("net.l08_u64.deconv.weights");
        assertThat(FastStyleTransferNet.mappings().get(39).shape()).containsExactly(3, 3, 64, 128);
    }

    @Test
    void convertWritesACheckpointThatReopensAsTheSameNetAndItsExport() throws Exception {
        Path src = tmp.resolve("src");
        RandomPretrained.write(src, FastStyleTransferNet.layerTable(), 5, PretrainedCheckpoint.Dtype.FLOAT32);
        PretrainedCheckpoint c = PretrainedImport.read(CheckpointSource.directory(src));
        Path out = tmp.resolve("out");
        PretrainedImport.Result r = PretrainedImport.convert(c, out, Map.of("modelId", "random-style"), 2, true);

        System.out.printf("import self-check (random weights, 45x51, float16 ONNX weights) max|TF - ORT| %.2e%n",
                r.parityMaxAbs());
        assertThat(r.parityMaxAbs()).isLessThanOrEqualTo(BuiltinStylesParityTest.TOLERANCE);
        assertThat(Files.readAllBytes(out.resolve("model.onnx"))).isEqualTo(r.onnx());
        CheckpointMetadata m = Checkpoint.readMetadata(out.resolve("checkpoint"));
        assertThat(m.architecture()).isEqualTo("c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3");
        assertThat(m.preset()).isEqualTo("style");
        assertThat(m.netOptions()).isEqualTo(FastStyleTransferNet.OPTIONS);
        assertThat(m.trainingSpec()).containsEntry("kind", "import").containsEntry("format", FastStyleTransferNet.FORMAT)
                .containsEntry("storedDtype", "float32").containsEntry("modelId", "random-style");

        FloatTensor image = TestImages.nhwc(1, 21, 19, 2);
        assertThat(m.trainingSpec()).containsEntry("roundedTo", "float16");
        PretrainedCheckpoint half = c.roundedToFloat16();
        try (TransformerSession loaded = PretrainedImport.load(half, 2);
                TransformerSession reopened = Checkpoint.open(out.resolve("checkpoint"), 2)) {
            assertThat(reopened.run(image)).isEqualTo(loaded.run(image));
            assertThat(reopened.readVariables().get("net.l03_R128.conv2.weights").values())
                    .containsExactly(half.variable("Variable_12").values());
            // Only the kernels are rounded: the 1-D norm values are the source's, to the bit.
            assertThat(half.variable("Variable_12").values()).isNotEqualTo(c.variable("Variable_12").values());
            assertThat(reopened.readVariables().get("net.l10_c9s1-3.norm.gamma").values())
                    .containsExactly(c.variable(FastStyleTransferNet.mappings().get(47).source()).values());
        }
    }
}
