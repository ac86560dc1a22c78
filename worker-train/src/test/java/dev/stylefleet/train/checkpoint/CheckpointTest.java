package dev.stylefleet.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static final ArchSpec STYLE = ArchSpec.preset("style");
    private static final NetOptions SMALL = new NetOptions(NetOptions.Norm.BATCH, NetOptions.Upsample.RESIZE,
            NetOptions.Padding.REFLECT, 0.25);

    @Test
    void restoringIntoAFreshGraphGivesBitIdenticalOutputs() {
        FloatTensor image = TestImages.nhwc(2, 37, 29, 1);
        FloatTensor before;
        try (TransformerSession s = TransformerSession.create(STYLE, SMALL, 1, 2)) {
            // Non-default moving statistics, so that restoring them matters too.
            FloatTensor mean = s.readVariables().get("net.l01_d64.norm.moving_mean");
            float[] v = mean.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.01f * i;
            }
            s.writeVariable("net.l01_d64.norm.moving_mean", new FloatTensor(mean.shape(), v));
            before = s.run(image);
            Checkpoint.write(s, dir, CheckpointMetadata.of(STYLE, SMALL, 1, 120,
                    List.of(new CheckpointMetadata.LossPoint(100, Map.of("total", 12.5))),
                    Map.of("kind", "test", "jobId", "job-1")));
        }
        // Another seed: the fresh graph starts from different values, so equality comes from the restore.
        try (TransformerSession other = TransformerSession.create(STYLE, SMALL, 2, 2)) {
            assertThat(other.run(image)).isNotEqualTo(before);
        }
        try (TransformerSession restored = Checkpoint.open(dir, 2)) {
            FloatTensor after = restored.run(image);
            assertThat(after.values()).isEqualTo(before.values()); // Arrays.equals on float bits
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void metadataRoundTrips() {
        try (TransformerSession s = TransformerSession.create(STYLE, SMALL, 9, 1)) {
            Checkpoint.write(s, dir, CheckpointMetadata.of(STYLE, SMALL, 9, 42,
                    List.of(new CheckpointMetadata.LossPoint(10, Map.of("total", 3.0, "style", 2.0))),
                    Map.of("kind", "random-init")));
        }
        CheckpointMetadata m = Checkpoint.readMetadata(dir);
        assertThat(m.format()).isEqualTo(CheckpointMetadata.FORMAT);
        assertThat(m.architecture()).isEqualTo("c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3");
        assertThat(m.preset()).isEqualTo("style");
        assertThat(m.arch()).isEqualTo(STYLE);
        assertThat(m.netOptions()).isEqualTo(SMALL);
        assertThat(m.seed()).isEqualTo(9);
        assertThat(m.step()).isEqualTo(42);
        assertThat(m.lossHistory()).containsExactly(
                new CheckpointMetadata.LossPoint(10, Map.of("total", 3.0, "style", 2.0)));
        assertThat(m.trainingSpec()).containsEntry("kind", "random-init");
        assertThat(m.codeVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(m.created()).isNotNull();
        assertThat(Checkpoint.files(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("variables.data-00000-of-00001", "variables.index", "checkpoint.json");
        assertThat(dir.resolve("checkpoint.json")).content().contains("\"norm\" : \"batch\"", "\"upsample\" : \"resize\"");
    }

    @Test
    void everyNetOptionRoundTrips() {
        NetOptions imported = new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.DECONV,
                NetOptions.Padding.SAME, 0.25, NetOptions.Input.RAW, NetOptions.Output.TANH150, true,
                NetOptions.Skip.NONE, 1e-3);
        try (TransformerSession s = TransformerSession.create(STYLE, imported, 3, 1)) {
            Checkpoint.write(s, dir, CheckpointMetadata.of(STYLE, imported, 3, 0, List.of(), Map.of("kind", "import")));
        }
        CheckpointMetadata m = Checkpoint.readMetadata(dir);
        assertThat(m.netOptions()).isEqualTo(imported);
        assertThat(dir.resolve("checkpoint.json")).content().contains("\"padding\" : \"same\"",
                "\"input\" : \"raw\"", "\"output\" : \"tanh150\"", "\"outputNorm\" : true", "\"skip\" : \"none\"",
                "\"normEpsilon\" : 0.001");
        NetOptions sr = new NetOptions(NetOptions.Norm.NONE, NetOptions.Upsample.SUBPIXEL, NetOptions.Padding.ZERO,
                1.0, NetOptions.Input.CENTERED, NetOptions.Output.LINEAR, false, NetOptions.Skip.BICUBIC, 1e-5);
        assertThat(CheckpointMetadata.Options.of(sr).toNetOptions()).isEqualTo(sr);
    }

    @Test
    void optionsWrittenBeforeTheNewFieldsReadAsDefaults() throws Exception {
        Files.writeString(dir.resolve("checkpoint.json"), """
                {"format": 1, "architecture": "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3", "preset": "style",
                 "options": {"norm": "instance", "upsample": "resize", "padding": "reflect", "width": 0.5},
                 "seed": 1, "step": 2, "lossHistory": [], "trainingSpec": {}, "codeVersion": "x",
                 "created": "2026-01-01T00:00:00Z"}
                """);
        assertThat(Checkpoint.readMetadata(dir).netOptions()).isEqualTo(new NetOptions(NetOptions.Norm.INSTANCE,
                NetOptions.Upsample.RESIZE, NetOptions.Padding.REFLECT, 0.5));
    }

    @Test
    void metadataMustDescribeTheNetwork() {
        try (TransformerSession s = TransformerSession.create(STYLE, SMALL, 1, 1)) {
            assertThatThrownBy(() -> Checkpoint.write(s, dir, CheckpointMetadata.of(STYLE,
                    SMALL.withNorm(NetOptions.Norm.INSTANCE), 1, 0, List.of(), Map.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
        }
        assertThat(Files.exists(dir.resolve(Checkpoint.METADATA_FILE))).isFalse();
    }

    @Test
    void aDirectoryWithoutMetadataIsNotACheckpoint() {
        assertThatThrownBy(() -> Checkpoint.readMetadata(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint.json");
    }
}
