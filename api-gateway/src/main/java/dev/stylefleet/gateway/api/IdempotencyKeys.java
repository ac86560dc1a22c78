package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.gateway.jobs.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of submissions: the same key with the same request answers the
 * job the first request created (202 again, nothing new queued); the same key with a different request
 * answers 409 IDEMPOTENCY_CONFLICT. Keys are per tenant and kept with the job (in its record), so they
 * survive restarts and every replica knows them once it has read the record.
 *
 * <p>Two requests with one key on one replica are serialised by a per-key lock. Across replicas the job
 * id does the work: a keyed submission's id is derived from tenant, key and request hash
 * ({@link dev.stylefleet.gateway.jobs.JobIds#forSubmission}), so two replicas accepting the same request
 * at the same moment, before either has read the other's record, both create the same job: the
 * duplicate input upload writes the same bytes to the same key, the duplicate record, QUEUED and
 * request merge into one job, and the workers' effects are keyed by the job id.
 *
 * <p>Two different requests with one key racing on two replicas get different ids and both run (two
 * jobs, each with its own body; never one job mixing the two, which a (tenant, key) id would risk, as
 * the second upload would overwrite the first one's input). As soon as a replica has read either job,
 * the key answers the earliest created of them and 409 for any other body, identically on every
 * replica ({@link JobStore#findByIdempotencyKey}). Sequential retries, the case the header is for, are
 * exact. A key is remembered as long as its job is kept (stylefleet.api.job-retention after it ended).
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** Printable ASCII, as for any header value; long enough for a UUID or a content hash. */
    static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    JobStore jobs;

    /** The checked key, or null when the header is absent. */
    public static String key(String header) {
        if (header == null) {
            return null;
        }
        if (!KEY.matcher(header).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, HEADER, HEADER
                    + ": 1 to 255 printable ASCII characters without spaces, for example a UUID");
        }
        return header;
    }

    /**
     * Runs {@code submit} unless the tenant used the key before: then answers that job, or 409 when
     * that job's request hash differs from {@code requestHash}.
     */
    public Job once(String tenant, String key, String requestHash, Supplier<Job> submit) {
        if (key == null) {
            return submit.get();
        }
        Object lock = locks.computeIfAbsent(tenant + "\n" + key, k -> new Object());
        try {
            synchronized (lock) {
                Optional<Job> earlier = jobs.findByIdempotencyKey(tenant, key);
                if (earlier.isPresent()) {
                    String hash = earlier.get().request() == null ? null : earlier.get().request().requestHash();
                    if (!requestHash.equals(hash)) {
                        throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT, HEADER, HEADER + ": '" + key
                                + "' was used for job " + earlier.get().id() + " with a different request; "
                                + "use a new key for a new request");
                    }
                    return earlier.get();
                }
                return submit.get();
            }
        } finally {
            locks.remove(tenant + "\n" + key, lock);
        }
    }

    /** SHA-256 over the parts, each length-prefixed so that no two different lists hash alike. */
    public static String hash(Object... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                byte[] b = p == null ? new byte[0] : p instanceof byte[] bytes ? bytes
                        : p.toString().getBytes(StandardCharsets.UTF_8);
                md.update((b.length + (p == null ? "n" : ":")).getBytes(StandardCharsets.UTF_8));
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The hash of an inference submission: every field that shapes the job, and the image's bytes, or
     * for a presigned upload its key and ETag (which change with the bytes; the gateway does not read them all).
     */
    public static String hash(Submission s) {
        return hash("infer", s.task(), s.model(), s.outputFormat(), s.options(),
                s.callback() == null ? null : s.callback().url(), s.callback() == null ? null : s.callback().progress(),
                s.upload() == null ? s.image() : "upload:" + s.upload().key() + ":" + s.upload().etag());
    }
}
