package dev.stylefleet.infer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.platform.storage.StorageException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker's retry of a job whose object-store access failed (the fault suite's S3 outage). */
class StorageRetryTest {
    private static final StorageRetry RETRY = new StorageRetry(Duration.ofSeconds(5), Duration.ofMillis(1),
            Duration.ofMillis(4));

    @Test
    void storageFailuresAreRetriedUntilTheStoreAnswers() {
        AtomicInteger calls = new AtomicInteger();
        String out = RETRY.run("job", () -> {
            if (calls.incrementAndGet() < 4) {
                throw unreachable();
            }
            return "stored";
        }, CancelCheck.NONE);
        assertThat(out).isEqualTo("stored");
        assertThat(calls).hasValue(4);
    }

    @Test
    void theLastStorageFailureIsTheOutcomeOnceTheDeadlinePassed() {
        StorageRetry shortDeadline = new StorageRetry(Duration.ofMillis(30), Duration.ofMillis(5), Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> shortDeadline.run("job", () -> {
            calls.incrementAndGet();
            throw unreachable();
        }, CancelCheck.NONE)).isInstanceOf(StorageException.class);
        assertThat(calls.get()).isBetween(2, 7);
    }

    @Test
    void noRetriesWithAZeroDeadline() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> StorageRetry.NONE.run("job", () -> {
            calls.incrementAndGet();
            throw unreachable();
        }, CancelCheck.NONE)).isInstanceOf(StorageException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RETRY.run("job", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        }, CancelCheck.NONE)).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCancelDuringTheBackoffEndsTheWait() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RETRY.run("job", () -> {
            calls.incrementAndGet();
            throw unreachable();
        }, () -> {
            throw new JobCancelled("cancelled while waiting for storage");
        })).isInstanceOf(JobCancelled.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBackoffLongerThanItsCapIsRefused() {
        assertThatThrownBy(() -> new StorageRetry(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static StorageException unreachable() {
        return new StorageException("put data/results/x.png", new IOException("Connection refused"));
    }
}
