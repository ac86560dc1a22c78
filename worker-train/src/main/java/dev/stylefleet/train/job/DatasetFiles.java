package dev.stylefleet.train.job;

import dev.stylefleet.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a dataset (every object under an S3 prefix, for example {@code datasets/{tenant}/{name}/})
 * to local files before training, so the data loader reads local disk and never waits on the
 * network. Objects are not judged here: whether a file is an image is the loader's business (it
 * skips and counts the ones that are not).
 */
final class DatasetFiles {
    private DatasetFiles() {}

    static List<Path> download(ObjectStore store, String bucket, String prefix, Path dir) {
        List<String> keys = store.list(bucket, prefix).stream().filter(k -> !k.endsWith("/")).sorted().toList();
        if (keys.isEmpty()) {
            throw new TrainJobFailure(TrainErrorCode.DATASET_UNUSABLE, "datasetPrefix '" + prefix
                    + "' holds no objects in bucket " + bucket + "; upload the training images there first");
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                String base = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
                Path file = dir.resolve(String.format("%07d-%s", i, base));
                try (InputStream in = store.open(bucket, key)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying dataset " + prefix + " into " + dir, e);
        }
        return files;
    }
}
