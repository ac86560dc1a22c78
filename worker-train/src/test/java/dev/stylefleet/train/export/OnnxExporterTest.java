package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.StringStringEntryProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structure of the export: interface, opset, dynamic dims, which ops, metadata. */
class OnnxExporterTest {
    @TempDir
    Path dir;

    private static ModelProto export(String preset, NetOptions options) throws Exception {
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset(preset), options, 1, 1)) {
            return ModelProto.parseFrom(OnnxExporter.export(ArchSpec.preset(preset), options, s.readVariables(),
                    Map.of()));
        }
    }

    private static List<String> ops(ModelProto m) {
        return m.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toList());
    }

    private static List<String> dims(TensorShapeProto shape) {
        return shape.getDimList().stream().map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.toList());
    }

    @Test
    void interfaceIsImageNchwDynamicInOutputNchwOut() throws Exception {
        ModelProto m = export("style", NetOptions.PAPER.withWidth(0.25));
        assertThat(m.getIrVersion()).isEqualTo(8);
        assertThat(m.getOpsetImport(0).getDomain()).isEmpty();
        assertThat(m.getOpsetImport(0).getVersion()).isGreaterThanOrEqualTo(17);
        assertThat(m.getGraph().getInputCount()).isEqualTo(1);
        assertThat(m.getGraph().getInput(0).getName()).isEqualTo("image");
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getElemType()).isEqualTo(1); // FLOAT
        assertThat(dims(m.getGraph().getInput(0).getType().getTensorType().getShape())).containsExactly("N", "3", "H", "W");
        assertThat(m.getGraph().getOutputCount()).isEqualTo(1);
        assertThat(dims(m.getGraph().getOutput(0).getType().getTensorType().getShape())).containsExactly("N", "3", "H", "W");
        ModelProto sr = export("sr4", NetOptions.PAPER.withWidth(0.25));
        assertThat(dims(sr.getGraph().getOutput(0).getType().getTensorType().getShape()))
                .containsExactly("N", "3", "H*4", "W*4");
    }

    @Test
    void batchNormIsFoldedAndInstanceNormIsInstanceNormalization() throws Exception {
        List<String> batch = ops(export("style", NetOptions.PAPER.withWidth(0.25)));
        assertThat(batch).doesNotContain("BatchNormalization", "InstanceNormalization", "Transpose", "Resize");
        assertThat(batch).filteredOn("Conv"::equals).hasSize(3 + 10 + 1);
        assertThat(batch).filteredOn("ConvTranspose"::equals).hasSize(2);

        List<String> instance = ops(export("style", new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.RESIZE,
                NetOptions.Padding.REFLECT, 0.25)));
        assertThat(instance).doesNotContain("BatchNormalization", "ConvTranspose", "Transpose");
        // every conv but the output one is followed by a norm: 3 + 10 + 2
        assertThat(instance).filteredOn("InstanceNormalization"::equals).hasSize(15);
        assertThat(instance).filteredOn("Resize"::equals).hasSize(2);
        // one reflection Pad per padded conv (16) plus the pad to a multiple of 4
        assertThat(instance).filteredOn("Pad"::equals).hasSize(16 + 1);
    }

    @Test
    void importedStyleOptionsExportAsTensorFlowComputesThem() throws Exception {
        ModelProto m = export("style", OnnxNetOptionsParityTest.imported(0.25));
        List<NodeProto> nodes = m.getGraph().getNodeList();
        // raw input: the image goes straight into the network (pad to a multiple of 4 and its shape)
        assertThat(nodes).noneMatch(n -> n.getName().startsWith("normalize"));
        assertThat(nodes.stream().filter(n -> n.getInputList().contains("image")).map(NodeProto::getOpType))
                .containsExactlyInAnyOrder("Shape", "Pad");
        // every conv is normalised, the output conv too, with epsilon 1e-3
        List<NodeProto> norms = nodes.stream().filter(n -> n.getOpType().equals("InstanceNormalization")).toList();
        assertThat(norms).hasSize(16).allSatisfy(n -> assertThat(n.getAttribute(0).getF()).isEqualTo(1e-3f));
        // and so no conv has a bias
        assertThat(nodes).filteredOn(n -> n.getOpType().startsWith("Conv")).allSatisfy(n ->
                assertThat(n.getInputCount()).isEqualTo(2));
        // TF SAME at stride 2
        assertThat(nodes).filteredOn(n -> n.getOpType().equals("Conv") && n.getAttributeList().stream().anyMatch(a ->
                a.getName().equals("auto_pad") && a.getS().toStringUtf8().equals("SAME_UPPER"))).hasSize(2);
        // tanh150: Tanh, Mul 150, Add 127.5, Clip
        assertThat(ops(m).subList(ops(m).size() - 4, ops(m).size())).containsExactly("Tanh", "Mul", "Add", "Clip");
        assertThat(nodes.get(nodes.size() - 1).getOutput(0)).isEqualTo("output");
    }

    @Test
    void superResolutionOptionsExportAsTensorFlowComputesThem() throws Exception {
        ModelProto m = export("sr4", OnnxNetOptionsParityTest.srBuiltin(NetOptions.Padding.REFLECT));
        List<NodeProto> nodes = m.getGraph().getNodeList();
        assertThat(ops(m)).doesNotContain("InstanceNormalization", "Tanh", "Resize", "ConvTranspose");
        // norm none: every network conv has its bias; the skip's polyphase conv has none
        assertThat(nodes).filteredOn(n -> n.getOpType().equals("Conv") && !n.getName().startsWith("skip_bicubic"))
                .hasSize(1 + 8 + 2 + 1).allSatisfy(n -> assertThat(n.getInputCount()).isEqualTo(3));
        // two sub-pixel upsamplings (DCR) and the skip's phase interleave (CRD)
        assertThat(nodes).filteredOn(n -> n.getOpType().equals("DepthToSpace")).extracting(n -> n.getName() + " "
                + n.getAttributeList().stream().filter(a -> a.getName().equals("mode")).findFirst().orElseThrow()
                        .getS().toStringUtf8())
                .hasSize(3).filteredOn(s -> s.endsWith("DCR")).hasSize(2);
        assertThat(nodes).filteredOn(n -> n.getOpType().equals("Pad") && n.getAttributeList().stream().anyMatch(a ->
                a.getS().toStringUtf8().equals("edge"))).hasSize(1);
        // linear output plus the skip, clipped to pixels
        assertThat(ops(m).subList(ops(m).size() - 2, ops(m).size())).containsExactly("Add", "Clip");
        assertThat(nodes.get(nodes.size() - 1).getOutput(0)).isEqualTo("output");
    }

    @Test
    void checkpointExportCarriesItsMetadata() throws Exception {
        ArchSpec arch = ArchSpec.preset("sr4");
        NetOptions options = NetOptions.PAPER.withWidth(0.25).withNorm(NetOptions.Norm.INSTANCE);
        FloatTensor image = TestImages.nhwc(1, 14, 9, 4);
        FloatTensor tfOut;
        try (TransformerSession s = TransformerSession.create(arch, options, 4, 1)) {
            tfOut = s.run(image);
            Checkpoint.write(s, dir, CheckpointMetadata.of(arch, options, 4, 300, List.of(),
                    Map.of("jobId", "job-42", "iterations", 300)));
        }
        byte[] bytes = OnnxExporter.exportCheckpoint(dir);
        ModelProto m = ModelProto.parseFrom(bytes);
        Map<String, String> meta = m.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(meta).containsEntry("architecture", "c9s1-64,R64x4,u64,u64,c9s1-3")
                .containsEntry("preset", "sr4")
                .containsEntry("options", "{\"norm\":\"instance\",\"upsample\":\"deconv\",\"padding\":\"zero\",\"width\":0.25,"
                        + "\"input\":\"centered\",\"output\":\"tanh\",\"outputNorm\":false,\"skip\":\"none\",\"normEpsilon\":1.0E-5}")
                .containsEntry("scale", "4")
                .containsEntry("step", "300")
                .containsEntry("weight_storage", "float32")
                .containsKeys("version", "exporter_version", "min_input_side", "input_layout");
        assertThat(meta.get("training_spec")).contains("\"jobId\":\"job-42\"").contains("\"iterations\":300");
        try (OrtRunner ort = new OrtRunner(bytes, 1)) {
            assertThat(ort.run(image.nhwcToNchw()).nchwToNhwc().maxAbsDiff(tfOut))
                    .isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
        }
    }

    @Test
    void checkpointWithTheNewOptionsExportsThem() throws Exception {
        // The options travel through checkpoint.json: an export of the checkpoint is the same net.
        for (NetOptions options : List.of(OnnxNetOptionsParityTest.imported(0.25),
                OnnxNetOptionsParityTest.srBuiltin(NetOptions.Padding.REFLECT))) {
            ArchSpec arch = ArchSpec.preset(options.skip() == NetOptions.Skip.BICUBIC ? "sr8" : "style");
            Path ckpt = dir.resolve(options.describe().replace('/', '_'));
            FloatTensor image = TestImages.nhwc(1, 13, 11, 6);
            FloatTensor tfOut;
            try (TransformerSession s = TransformerSession.create(arch, options, 8, 1)) {
                RandomWeights.randomizeNorms(s, 8);
                tfOut = s.run(image);
                Checkpoint.write(s, ckpt, CheckpointMetadata.of(arch, options, 8, 0, List.of(), Map.of()));
            }
            ModelProto m = ModelProto.parseFrom(OnnxExporter.exportCheckpoint(ckpt));
            String json = m.getMetadataPropsList().stream().filter(e -> e.getKey().equals("options")).findFirst()
                    .orElseThrow().getValue();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, CheckpointMetadata.Options.class)
                    .toNetOptions()).isEqualTo(options);
            try (OrtRunner ort = new OrtRunner(m.toByteArray(), 1)) {
                assertThat(ort.run(image.nhwcToNchw()).nchwToNhwc()
                        .maxAbsDiff(OnnxNetOptionsParityTest.exportClips(options)
                                ? OnnxNetOptionsParityTest.clipToPixels(tfOut) : tfOut))
                        .as(options.describe()).isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
            }
        }
    }

    @Test
    void smallestAcceptedInputsRunInBothRuntimes() throws Exception {
        for (NetOptions.Padding padding : NetOptions.Padding.values()) {
            NetOptions options = new NetOptions(NetOptions.Norm.BATCH, NetOptions.Upsample.RESIZE, padding, 0.25);
            ArchSpec arch = ArchSpec.preset("style");
            int side = arch.minInputSide(options);
            try (TransformerSession s = TransformerSession.create(arch, options, 1, 1);
                    OrtRunner ort = new OrtRunner(OnnxExporter.export(arch, options, s.readVariables(), Map.of()), 1)) {
                FloatTensor image = TestImages.nhwc(1, side, side + 1, 2);
                FloatTensor expected = s.run(image);
                assertThat(expected.shape()).containsExactly(1, side, side + 1, 3);
                assertThat(ort.run(image.nhwcToNchw()).nchwToNhwc().maxAbsDiff(expected))
                        .isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
            }
        }
    }
}
