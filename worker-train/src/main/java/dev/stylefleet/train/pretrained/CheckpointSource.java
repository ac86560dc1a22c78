package dev.stylefleet.train.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the files of a pretrained checkpoint come from: a directory (an import from disk) or a
 * classpath folder (the built-in styles shipped inside the jar, where there is no {@link Path}).
 */
public interface CheckpointSource {

    /** The bytes of file {@code name} of the checkpoint. */
    byte[] read(String name) throws IOException;

    /** For error messages, for example the directory. */
    String describe();

    static CheckpointSource directory(Path dir) {
        return new CheckpointSource() {
            @Override
            public byte[] read(String name) throws IOException {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                return Files.readAllBytes(file);
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }

    /** A folder on the classpath, for example {@code dev/stylefleet/train/builtin/styles/wave}. */
    static CheckpointSource classpath(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return new CheckpointSource() {
            @Override
            public byte[] read(String name) throws IOException {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = (loader != null ? loader : CheckpointSource.class.getClassLoader())
                        .getResourceAsStream(prefix + name)) {
                    if (in == null) {
                        throw new NoSuchFileException("classpath:" + prefix + name);
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            public String describe() {
                return "classpath:" + prefix;
            }
        };
    }
}
