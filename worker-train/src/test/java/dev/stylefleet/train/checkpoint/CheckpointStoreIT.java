package dev.stylefleet.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ObjectKeys;
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

/** Checkpoint upload and download against the local stack's real S3 server, through the MinIO client. */
class CheckpointStoreIT {
    @TempDir
    Path tmp;

    private final LocalStack stack = LocalStack.shared();
    private final CheckpointStore store = new CheckpointStore(stack.objectStore());

    @Test
    void uploadedCheckpointRestoresBitIdentically() {
        String jobId = "job-" + UUID.randomUUID();
        ArchSpec arch = ArchSpec.preset("style");
        NetOptions options = NetOptions.PAPER.withWidth(0.25);
        FloatTensor image = TestImages.nhwc(1, 24, 20, 3);
        FloatTensor before;
        Path local = tmp.resolve("local");
        try (TransformerSession s = TransformerSession.create(arch, options, 5, 1)) {
            before = s.run(image);
            Checkpoint.write(s, local, CheckpointMetadata.of(arch, options, 5, 200, List.of(), Map.of("jobId", jobId)));
        }

        assertThat(store.upload(local, jobId, 200)).isEqualTo(ObjectKeys.checkpoint(jobId, 200));
        assertThat(stack.objectStore().list(Buckets.DATA, ObjectKeys.checkpoint(jobId, 200)))
                .hasSize(3).anyMatch(k -> k.endsWith("/checkpoint.json"));
        // Idempotent: the same step again overwrites, no second copy.
        store.upload(local, jobId, 200);
        assertThat(stack.objectStore().list(Buckets.DATA, ObjectKeys.checkpoint(jobId, 200))).hasSize(3);

        Path downloaded = store.download(jobId, 200, tmp.resolve("downloaded"));
        assertThat(Checkpoint.readMetadata(downloaded).step()).isEqualTo(200);
        try (TransformerSession restored = Checkpoint.open(downloaded, 1)) {
            assertThat(restored.run(image)).isEqualTo(before);
        }
    }

    @Test
    void latestStepOnlyCountsCompleteCheckpoints() {
        String jobId = "job-" + UUID.randomUUID();
        ArchSpec arch = ArchSpec.parse("c3s1-4,c3s1-3");
        Path local = tmp.resolve("small");
        try (TransformerSession s = TransformerSession.create(arch, NetOptions.PAPER, 1, 1)) {
            Checkpoint.write(s, local, CheckpointMetadata.of(arch, NetOptions.PAPER, 1, 0, List.of(), Map.of()));
        }
        assertThat(store.latestStep(jobId)).isEmpty();
        store.upload(local, jobId, 100);
        store.upload(local, jobId, 900);
        // A step whose checkpoint.json never arrived (an upload cut short) is not a checkpoint.
        stack.objectStore().put(Buckets.DATA, ObjectKeys.checkpoint(jobId, 1000) + "variables.index", new byte[] {1},
                "application/octet-stream");
        assertThat(store.latestStep(jobId)).contains(900L);
        assertThatThrownBy(() -> store.download(jobId, 1000, tmp.resolve("partial")))
                .hasMessageContaining("no complete checkpoint");
    }
}
