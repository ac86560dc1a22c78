package dev.stylefleet.gateway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object-store operations presigned uploads rely on (HEAD, ranged GET, server-side copy pinned to an
 * ETag, listing with times), against the local stack's real S3 server, in a bucket of their own.
 */
class ObjectStoreOperationsIT {
    private static ObjectStore store;
    private static String bucket;

    @BeforeAll
    static void bucket() {
        store = LocalStack.shared().objectStore();
        bucket = "store-ops-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(bucket);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void statTellsSizeEtagAndTimeWithoutReading() {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        store.put(bucket, "stat/a", bytes("0123456789"), "application/octet-stream");
        StoredObject o = store.stat(bucket, "stat/a").orElseThrow();
        assertThat(o.key()).isEqualTo("stat/a");
        assertThat(o.size()).isEqualTo(10);
        assertThat(o.etag()).isNotBlank().doesNotContain("\"");
        assertThat(o.lastModified()).isAfter(before);
        assertThat(store.stat(bucket, "stat/missing")).isEmpty();
    }

    @Test
    void getRangeReadsOnlyTheRange() {
        store.put(bucket, "range/a", bytes("0123456789"), "application/octet-stream");
        assertThat(store.getRange(bucket, "range/a", 0, 4)).isEqualTo(bytes("0123"));
        assertThat(store.getRange(bucket, "range/a", 3, 2)).isEqualTo(bytes("34"));
        assertThat(store.getRange(bucket, "range/a", 8, 100)).isEqualTo(bytes("89"));
    }

    @Test
    void copyIfUnchangedCopiesOnlyTheObjectThatWasSeen() {
        store.put(bucket, "copy/source", bytes("first"), "application/octet-stream");
        StoredObject seen = store.stat(bucket, "copy/source").orElseThrow();

        assertThat(store.copyIfUnchanged(bucket, "copy/source", seen.etag(), "copy/target")).isTrue();
        StoredObject copy = store.stat(bucket, "copy/target").orElseThrow();
        assertThat(copy.size()).isEqualTo(seen.size());
        assertThat(copy.etag()).isEqualTo(seen.etag());
        assertThat(store.get(bucket, "copy/target")).isEqualTo(bytes("first"));

        // Written again since it was seen: no copy.
        store.put(bucket, "copy/source", bytes("second, longer"), "application/octet-stream");
        assertThat(store.copyIfUnchanged(bucket, "copy/source", seen.etag(), "copy/other")).isFalse();
        assertThat(store.exists(bucket, "copy/other")).isFalse();
        // Gone: no copy either.
        assertThat(store.copyIfUnchanged(bucket, "copy/missing", seen.etag(), "copy/other")).isFalse();
    }

    @Test
    void listObjectsGivesKeysSizesAndTimes() {
        store.put(bucket, "list/x/1", bytes("a"), "application/octet-stream");
        store.put(bucket, "list/y/2", bytes("bcd"), "application/octet-stream");
        store.put(bucket, "other/3", bytes("e"), "application/octet-stream");
        assertThat(store.listObjects(bucket, "list/")).extracting(StoredObject::key, StoredObject::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("list/x/1", 1L),
                        org.assertj.core.groups.Tuple.tuple("list/y/2", 3L));
        assertThat(store.listObjects(bucket, "list/")).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
    }
}
