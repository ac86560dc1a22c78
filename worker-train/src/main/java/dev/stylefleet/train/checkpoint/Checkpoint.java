package dev.stylefleet.train.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stylefleet.train.net.TransformerNet;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * A checkpoint directory: a TensorFlow checkpoint ({@code variables.index},
 * {@code variables.data-00000-of-00001}: every variable of the graph, matched by op name) plus
 * {@link CheckpointMetadata} in {@code checkpoint.json}. The JSON is written last, through a
 * rename, so a directory with a {@code checkpoint.json} is complete.
 *
 * <p>Restoring into a freshly built graph of the same architecture and options gives bit-identical
 * outputs (tested). A checkpoint written from a training graph also holds optimiser slots; an
 * inference graph restores only its own variables and ignores them.
 */
public final class Checkpoint {
    public static final String METADATA_FILE = "checkpoint.json";
    public static final String VARIABLES_PREFIX = "variables";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoint() {}

    /** Writes the variables of {@code session}'s graph and the metadata to {@code dir} (created if needed). */
    public static void write(Session session, TransformerNet net, Path dir, CheckpointMetadata metadata) {
        if (!metadata.architecture().equals(net.arch().canonical())
                || !metadata.netOptions().equals(net.options())) {
            throw new IllegalArgumentException("metadata describes " + metadata.architecture() + " "
                    + metadata.netOptions().describe() + " but the network is " + net.arch().canonical() + " "
                    + net.options().describe());
        }
        try {
            Files.createDirectories(dir);
            session.save(dir.resolve(VARIABLES_PREFIX).toString());
            Path tmp = dir.resolve(METADATA_FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), metadata);
            Files.move(tmp, dir.resolve(METADATA_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint " + dir, e);
        }
    }

    public static void write(TransformerSession s, Path dir, CheckpointMetadata metadata) {
        write(s.session(), s.net(), dir, metadata);
    }

    public static CheckpointMetadata readMetadata(Path dir) {
        Path file = dir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a checkpoint directory (no " + METADATA_FILE + "): " + dir);
        }
        try {
            CheckpointMetadata m = JSON.readValue(file.toFile(), CheckpointMetadata.class);
            if (m.format() != CheckpointMetadata.FORMAT) {
                throw new IllegalArgumentException(file + " has format " + m.format() + ", this code reads "
                        + CheckpointMetadata.FORMAT);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Builds the network the checkpoint describes in a new graph and restores its variables. */
    public static TransformerSession open(Path dir, int threads) {
        CheckpointMetadata m = readMetadata(dir);
        TransformerSession s = TransformerSession.create(m.arch(), m.netOptions(), m.seed(), threads);
        try {
            restore(s.session(), dir);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Restores the variables of {@code session}'s graph from {@code dir}. */
    public static void restore(Session session, Path dir) {
        session.restore(dir.resolve(VARIABLES_PREFIX).toString());
    }

    /** The files of a checkpoint directory, metadata last (upload in this order). */
    public static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(VARIABLES_PREFIX + "."))
                    .sorted()
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            files.add(dir.resolve(METADATA_FILE));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }
}
