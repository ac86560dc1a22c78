package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Old presigned uploads are deleted, young ones and everything outside {@code uploads/} stay. Against
 * the real S3 server, in a bucket of its own (the sweep would otherwise take other tests' uploads), with
 * the sweep's clock moved instead of waiting.
 */
class UploadRetentionIT {
    private static final Duration RETENTION = Duration.ofHours(1);

    @Test
    void deletesUploadsOlderThanTheRetentionOnly() {
        ObjectStore store = LocalStack.shared().objectStore();
        String bucket = "upload-retention-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(bucket);
        byte[] bytes = {1, 2, 3};
        store.put(bucket, "uploads/local/aaaa", bytes, "image/png");
        store.put(bucket, "uploads/other/bbbb", bytes, "image/png");
        store.put(bucket, "inputs/local/job/input", bytes, "image/png");
        Instant oldest = store.listObjects(bucket, "uploads/").stream().map(StoredObject::lastModified)
                .min(Instant::compareTo).orElseThrow();
        Instant newest = store.listObjects(bucket, "uploads/").stream().map(StoredObject::lastModified)
                .max(Instant::compareTo).orElseThrow();
        UploadRetention retention = new UploadRetention(store, bucket, RETENTION, () -> true);

        assertThat(retention.sweep(oldest.plus(RETENTION).minusSeconds(1))).isZero();
        assertThat(store.listObjects(bucket, "uploads/")).hasSize(2);

        assertThat(retention.sweep(newest.plus(RETENTION))).isEqualTo(2);
        assertThat(store.listObjects(bucket, "uploads/")).isEmpty();
        assertThat(store.listObjects(bucket, "inputs/")).extracting(StoredObject::key)
                .containsExactly("inputs/local/job/input");
    }

    @Test
    void refusesARetentionUnderOneSecond() {
        assertThatThrownBy(() -> new UploadRetention(null, "any", Duration.ofMillis(10), () -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upload-retention");
    }
}
