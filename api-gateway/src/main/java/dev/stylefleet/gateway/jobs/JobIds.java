package dev.stylefleet.gateway.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Job ids: 32 lowercase hex digits (128 bits). URL-safe, safe in object keys and shell arguments (no
 * leading dash), unguessable (a job id alone grants nothing, but it should not be enumerable either),
 * and within the schemas' {@code ^[A-Za-z0-9_-]{1,64}$}.
 *
 * <p>A submission without an Idempotency-Key gets 128 random bits ({@link #next()}). One with a key
 * gets an id derived from what makes it "the same request" ({@link #forSubmission}): tenant, key,
 * request hash, so that two replicas accepting one request at the same moment, before either has seen
 * the other's record, create the same job and not two. Workers and the fold are idempotent per job id
 * (the result key and the input key derive from it), so the duplicate messages are harmless.
 *
 * <p>Why the request hash is part of it: with (tenant, key) alone, two different bodies under one key
 * racing on two replicas would share one job id, and the second upload would overwrite the first
 * one's input object: a job could run one request's image under the other's record. With the hash,
 * different bodies never share an id; that race yields two jobs, each running its own body (see
 * {@code IdempotencyKeys}).
 *
 * <p>Why the retention epoch ({@code floor(now / job-retention)}) is part of it: a job is removed at
 * least job-retention after it ended, hence in a later epoch than the one it was created in. A client
 * repeating the request after that gets a new id, never the removed job's id, whose late messages,
 * tombstones and object deletions could otherwise hit the new job. The price: two replicas that
 * straddle an epoch boundary in the same moment derive different ids (two jobs, as without the key),
 * a chance of about the race window divided by job-retention.
 */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private JobIds() {}

    /** 128 random bits. */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /**
     * The id of a new job: derived (see the class comment) when the submission carries an
     * Idempotency-Key, random otherwise.
     *
     * @param retention the configured job-retention ({@link JobStore#retention()})
     */
    public static String forSubmission(String tenant, Submission.Idempotency idempotency, Duration retention) {
        return forSubmission(tenant, idempotency, retention, Instant.now());
    }

    static String forSubmission(String tenant, Submission.Idempotency idempotency, Duration retention, Instant now) {
        if (idempotency == null) {
            return next();
        }
        return derived(tenant, idempotency.key(), idempotency.requestHash(), retention, now);
    }

    /** First 128 bits of SHA-256 over length-prefixed parts; the retention itself is hashed too, so that a changed setting cannot map a new epoch onto an old one. */
    static String derived(String tenant, String key, String requestHash, Duration retention, Instant now) {
        long retentionMs = retention.toMillis();
        if (retentionMs <= 0) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        long epoch = Math.floorDiv(now.toEpochMilli(), retentionMs);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"stylefleet-job-id/idem", tenant, key, requestHash,
                    Long.toString(retentionMs), Long.toString(epoch)}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
                md.update(b);
            }
            return HEX.formatHex(Arrays.copyOf(md.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
