package dev.stylefleet.infer.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the built-in model files are read from ({@code stylefleet.infer.builtin-root}): by default the
 * class path under {@code builtin/} (the files ship inside the worker's jar), or a directory of the
 * same layout. The directory form lets tests and benchmarks point a worker at small generated models
 * even when the jar carries the real, megabyte-sized ones. Layout below the root:
 *
 * <pre>
 *   styles/index.json               {"ids": ["wave", ...], "notice": "NOTICE-....txt"}
 *   styles/{id}/model.onnx, card.json, preview.jpg
 *   sr/index.json                   {"ids": ["sr-x4", ...]}
 *   sr/{id}/model.onnx, card.json (card.md optional)
 *   NOTICE-....txt                  licence notices named by an index
 * </pre>
 *
 * Paths are always relative, '/'-separated and checked against the model-id pattern by the caller, so
 * a root never serves anything outside itself.
 */
public interface BuiltinAssets {
    /** {@code stylefleet.infer.builtin-root} default: the {@code builtin/} resources of the worker's jar. */
    String DEFAULT_ROOT = "classpath:builtin";

    /** The file's bytes, or empty when the root has no such file. */
    Optional<byte[]> read(String relativePath);

    /** Describes the root for log lines and error messages. */
    String describe();

    /** {@code classpath:PREFIX} reads class-path resources under PREFIX; anything else is a directory. */
    static BuiltinAssets at(String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("stylefleet.infer.builtin-root must not be blank");
        }
        if (root.startsWith("classpath:")) {
            String prefix = root.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            return classpath(prefix);
        }
        return directory(Path.of(root));
    }

    static BuiltinAssets classpath(String prefix) {
        return new BuiltinAssets() {
            @Override
            public Optional<byte[]> read(String relativePath) {
                String name = prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
                // The context loader is Quarkus' application loader in the packaged service; the class's
                // own loader covers plain-Java use (tests, benchmarks).
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (loader == null) {
                    loader = BuiltinAssets.class.getClassLoader();
                }
                try (InputStream in = loader.getResourceAsStream(name)) {
                    return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read class-path resource " + name, e);
                }
            }

            @Override
            public String describe() {
                return "classpath:" + prefix;
            }
        };
    }

    static BuiltinAssets directory(Path dir) {
        return new BuiltinAssets() {
            @Override
            public Optional<byte[]> read(String relativePath) {
                try {
                    return Optional.of(Files.readAllBytes(dir.resolve(relativePath)));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + dir.resolve(relativePath), e);
                }
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }
}
