package dev.stylefleet.train.checkpoint;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint directories in the object store under {@link ObjectKeys#checkpoint(String, long)}
 * ({@code checkpoints/{jobId}/step-{step}/}, bucket {@link Buckets#DATA}). Keys come from the job id
 * and step only, so a redelivered job overwrites its own checkpoints. {@code checkpoint.json} is
 * uploaded last: a step whose JSON exists is complete, and only complete steps are listed or
 * downloaded.
 */
public final class CheckpointStore {
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final Pattern STEP_JSON = Pattern.compile("step-(\\d{1,18})/" + Pattern.quote(Checkpoint.METADATA_FILE));

    private final ObjectStore store;
    private final String bucket;

    public CheckpointStore(ObjectStore store) {
        this(store, Buckets.DATA);
    }

    public CheckpointStore(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** Uploads a checkpoint directory; returns its key prefix. */
    public String upload(Path dir, String jobId, long step) {
        Checkpoint.readMetadata(dir); // refuse to upload something that is not a complete checkpoint
        String prefix = ObjectKeys.checkpoint(jobId, step);
        for (Path file : Checkpoint.files(dir)) {
            try (InputStream in = Files.newInputStream(file)) {
                store.put(bucket, prefix + file.getFileName(), in, CONTENT_TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        return prefix;
    }

    /** Downloads a complete checkpoint into {@code dir} (created if needed); returns {@code dir}. */
    public Path download(String jobId, long step, Path dir) {
        String prefix = ObjectKeys.checkpoint(jobId, step);
        if (!store.exists(bucket, prefix + Checkpoint.METADATA_FILE)) {
            throw new IllegalArgumentException("no complete checkpoint at " + bucket + "/" + prefix);
        }
        try {
            Files.createDirectories(dir);
            for (String key : store.list(bucket, prefix)) {
                String name = key.substring(prefix.length());
                if (name.isEmpty() || name.contains("/")) {
                    continue;
                }
                try (InputStream in = store.open(bucket, key)) {
                    Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + prefix + " to " + dir, e);
        }
        return dir;
    }

    /** Steps of the job's complete checkpoints, ascending. */
    public List<Long> steps(String jobId) {
        String jobPrefix = "checkpoints/" + jobId + "/";
        TreeSet<Long> steps = new TreeSet<>();
        for (String key : store.list(bucket, jobPrefix)) {
            Matcher m = STEP_JSON.matcher(key.substring(jobPrefix.length()));
            if (m.matches()) {
                steps.add(Long.parseLong(m.group(1)));
            }
        }
        return new ArrayList<>(steps);
    }

    /** The highest step of a job with a complete checkpoint. */
    public Optional<Long> latestStep(String jobId) {
        List<Long> steps = steps(jobId);
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** Deletes all but the newest {@code keep} checkpoints of the job. */
    public void prune(String jobId, int keep) {
        List<Long> steps = steps(jobId);
        for (int i = 0; i < steps.size() - keep; i++) {
            List<String> keys = store.list(bucket, ObjectKeys.checkpoint(jobId, steps.get(i)));
            // checkpoint.json first: a half-deleted checkpoint must not look complete.
            keys.sort((a, b) -> Boolean.compare(!a.endsWith(Checkpoint.METADATA_FILE),
                    !b.endsWith(Checkpoint.METADATA_FILE)));
            keys.forEach(k -> store.delete(bucket, k));
        }
    }
}
