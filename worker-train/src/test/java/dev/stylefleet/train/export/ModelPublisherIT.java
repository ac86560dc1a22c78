package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.ModelRegistry;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing an export to the model registry in the local stack's real S3 server. */
class ModelPublisherIT {
    @TempDir
    Path tmp;

    private final ModelRegistry registry = new ModelRegistry(LocalStack.shared().objectStore());

    @Test
    void publishedModelHasItsManifestAndRunsLikeTheCheckpoint() throws Exception {
        String modelId = "sr4-" + UUID.randomUUID().toString().substring(0, 8);
        ArchSpec arch = ArchSpec.preset("sr4");
        NetOptions options = NetOptions.PAPER.withWidth(0.25).withPadding(NetOptions.Padding.REFLECT);
        FloatTensor image = TestImages.nhwc(1, 15, 12, 2);
        FloatTensor expected;
        try (TransformerSession s = TransformerSession.create(arch, options, 8, 1)) {
            expected = s.run(image);
            Checkpoint.write(s, tmp, CheckpointMetadata.of(arch, options, 8, 4000, List.of(), Map.of("jobId", "job-7")));
        }

        ModelManifest published = new ModelPublisher(registry).publish(tmp, modelId, "1", "job-7", null);

        ModelManifest m = registry.latest(modelId).orElseThrow();
        assertThat(m).isEqualTo(published);
        assertThat(m.task()).isEqualTo("super-resolve");
        assertThat(m.scale()).isEqualTo(4);
        assertThat(m.architecture()).isEqualTo("c9s1-64,R64x4,u64,u64,c9s1-3");
        assertThat(m.sourceJob()).isEqualTo("job-7");
        assertThat(m.sha256()).hasSize(64);
        assertThat(m.created()).isNotNull();
        assertThat(m.options()).containsEntry("norm", "batch").containsEntry("padding", "reflect")
                .containsEntry("width", "0.25").containsEntry("step", "4000").containsEntry("preset", "sr4");
        byte[] onnx = registry.download(m); // sha256-verified
        try (OrtRunner ort = new OrtRunner(onnx, 1)) {
            assertThat(ort.run(image.nhwcToNchw()).nchwToNhwc().maxAbsDiff(expected))
                    .isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
        }
    }

    @Test
    void styleModelsAreStylizeTask() {
        String modelId = "style-" + UUID.randomUUID().toString().substring(0, 8);
        ArchSpec arch = ArchSpec.preset("style");
        NetOptions options = NetOptions.PAPER.withWidth(0.25).withNorm(NetOptions.Norm.INSTANCE);
        try (TransformerSession s = TransformerSession.create(arch, options, 1, 1)) {
            Checkpoint.write(s, tmp, CheckpointMetadata.of(arch, options, 1, 0, List.of(), Map.of()));
        }
        ModelManifest m = new ModelPublisher(registry).publish(tmp, modelId, "3", null, "tenant-a");
        assertThat(m.task()).isEqualTo("stylize");
        assertThat(m.scale()).isEqualTo(1);
        assertThat(registry.versions(modelId)).containsExactly("3");
        assertThat(registry.manifest(modelId, "3").orElseThrow().tenant()).isEqualTo("tenant-a");
    }
}
