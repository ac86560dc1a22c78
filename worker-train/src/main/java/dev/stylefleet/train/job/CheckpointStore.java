package dev.stylefleet.train.job;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.train.checkpoint.Checkpoint;
import java.io.IOException;
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
 * Training checkpoints in S3 ({@link Buckets#DATA}): a checkpoint directory
 * ({@link Checkpoint}: TensorFlow files plus checkpoint.json) under
 * {@link ObjectKeys#checkpoint(String, long)} = {@code checkpoints/{jobId}/step-{n}/}. The JSON is
 * uploaded last, so a checkpoint whose checkpoint.json exists is complete; only such checkpoints are
 * listed and restored.
 */
public final class CheckpointStore {
    private static final Pattern STEP = Pattern.compile("step-(\\d+)/" + Pattern.quote(Checkpoint.METADATA_FILE) + "$");

    private final ObjectStore store;
    private final String bucket;

    public CheckpointStore(ObjectStore store) {
        this(store, Buckets.DATA);
    }

    public CheckpointStore(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** Uploads a local checkpoint directory as the job's checkpoint of {@code step}. */
    public void upload(String jobId, long step, Path dir) {
        String prefix = ObjectKeys.checkpoint(jobId, step);
        for (Path file : Checkpoint.files(dir)) {
            try {
                store.put(bucket, prefix + file.getFileName(), Files.readAllBytes(file), "application/octet-stream");
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
    }

    /** Steps of the job's complete checkpoints, ascending. */
    public List<Long> steps(String jobId) {
        TreeSet<Long> steps = new TreeSet<>();
        for (String key : store.list(bucket, "checkpoints/" + jobId + "/")) {
            Matcher m = STEP.matcher(key);
            if (m.find()) {
                steps.add(Long.parseLong(m.group(1)));
            }
        }
        return new ArrayList<>(steps);
    }

    public Optional<Long> latest(String jobId) {
        List<Long> steps = steps(jobId);
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** Downloads the checkpoint of {@code step} into {@code dir} (created) and returns {@code dir}. */
    public Path download(String jobId, long step, Path dir) {
        String prefix = ObjectKeys.checkpoint(jobId, step);
        try {
            Files.createDirectories(dir);
            for (String key : store.list(bucket, prefix)) {
                String name = key.substring(prefix.length());
                if (name.isEmpty() || name.contains("/")) {
                    continue;
                }
                Files.write(dir.resolve(name), store.get(bucket, key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint files into " + dir, e);
        }
        return dir;
    }

    /** Deletes all but the newest {@code keep} checkpoints of the job. */
    public void prune(String jobId, int keep) {
        List<Long> steps = steps(jobId);
        for (int i = 0; i < steps.size() - keep; i++) {
            String prefix = ObjectKeys.checkpoint(jobId, steps.get(i));
            List<String> keys = store.list(bucket, prefix);
            // checkpoint.json first: a half-deleted checkpoint must not look complete.
            keys.sort((a, b) -> Boolean.compare(!a.endsWith(Checkpoint.METADATA_FILE), !b.endsWith(Checkpoint.METADATA_FILE)));
            keys.forEach(k -> store.delete(bucket, k));
        }
    }
}
