package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Job ids: random without an Idempotency-Key, derived (the same on every replica) with one. */
class JobIdsTest {
    /** The schemas' job id pattern, and the format of random ids: 32 lowercase hex digits. */
    private static final Pattern SCHEMA_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern HEX32 = Pattern.compile("^[0-9a-f]{32}$");
    private static final Duration WEEK = Duration.ofDays(7);
    /** A day into an epoch of a week (epochs start at multiples of the retention since 1970-01-01). */
    private static final Instant T = Instant.EPOCH.plus(WEEK.multipliedBy(2930)).plus(Duration.ofDays(1));
    private static final Submission.Idempotency KEY = new Submission.Idempotency("order-42", "ab".repeat(32));

    @Test
    void withoutAKeyIdsAreRandom() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = JobIds.forSubmission("acme", null, WEEK, T);
            assertThat(id).matches(HEX32).matches(SCHEMA_ID);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void theSameRequestGetsTheSameIdOnEveryCallInTheSameEpoch() {
        String a = JobIds.forSubmission("acme", KEY, WEEK, T);
        String b = JobIds.forSubmission("acme", new Submission.Idempotency("order-42", "ab".repeat(32)), WEEK,
                T.plus(Duration.ofDays(5)));
        assertThat(a).isEqualTo(b).matches(HEX32).matches(SCHEMA_ID);
    }

    @Test
    void theIdIsTheFirst128BitsOfSha256OverTheLengthPrefixedParts() throws Exception {
        long retentionMs = WEEK.toMillis();
        long epoch = T.toEpochMilli() / retentionMs;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String part : new String[] {"stylefleet-job-id/idem", "acme", "order-42", "ab".repeat(32),
                Long.toString(retentionMs), Long.toString(epoch)}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            md.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
            md.update(b);
        }
        String expected = HexFormat.of().formatHex(Arrays.copyOf(md.digest(), 16));
        assertThat(JobIds.forSubmission("acme", KEY, WEEK, T)).isEqualTo(expected);
    }

    @Test
    void tenantKeyAndRequestEachChangeTheId() {
        String base = JobIds.forSubmission("acme", KEY, WEEK, T);
        assertThat(JobIds.forSubmission("other", KEY, WEEK, T)).isNotEqualTo(base);
        assertThat(JobIds.forSubmission("acme", new Submission.Idempotency("order-43", KEY.requestHash()), WEEK, T))
                .isNotEqualTo(base);
        // Another body under the same key: another job, never the same one (see JobIds).
        assertThat(JobIds.forSubmission("acme", new Submission.Idempotency("order-42", "cd".repeat(32)), WEEK, T))
                .isNotEqualTo(base);
    }

    @Test
    void partsAreLengthPrefixedSoShiftingABoundaryChangesTheId() {
        String a = JobIds.derived("ab", "c", "h", WEEK, T);
        String b = JobIds.derived("a", "bc", "h", WEEK, T);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aRetryAfterTheJobCanHaveBeenRemovedGetsANewId() {
        // A job is removed at least job-retention after it ended, so after it was created: always in a later epoch.
        Instant epochStart = Instant.ofEpochMilli(Math.floorDiv(T.toEpochMilli(), WEEK.toMillis()) * WEEK.toMillis());
        String first = JobIds.forSubmission("acme", KEY, WEEK, epochStart);
        assertThat(JobIds.forSubmission("acme", KEY, WEEK, epochStart.plus(WEEK).minusMillis(1))).isEqualTo(first);
        assertThat(JobIds.forSubmission("acme", KEY, WEEK, epochStart.plus(WEEK))).isNotEqualTo(first);
        // Another retention never maps onto an id of the old one, even where the epoch numbers coincide.
        assertThat(JobIds.forSubmission("acme", KEY, Duration.ofDays(14), Instant.EPOCH.plus(Duration.ofDays(14))))
                .isNotEqualTo(JobIds.forSubmission("acme", KEY, WEEK, Instant.EPOCH.plus(WEEK)));
    }

    @Test
    void aRetentionOfZeroIsRefused() {
        assertThatThrownBy(() -> JobIds.forSubmission("acme", KEY, Duration.ZERO, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }
}
