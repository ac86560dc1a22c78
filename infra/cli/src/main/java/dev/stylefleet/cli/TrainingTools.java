package dev.stylefleet.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training worker's own command-line tools ({@code model init}, the conversion of
 * {@code models import-checkpoint}) need TensorFlow. They run in a JVM of their own on worker-train's
 * class path as its build packages it (worker-train/target/quarkus-app: the application jar and its
 * libraries, built by {@code ./stylefleet} on first use), so that this CLI does not carry TensorFlow.
 * The child inherits the working directory (relative paths mean what they meant to the user); its
 * output is relayed to the CLI's writers as it comes.
 */
final class TrainingTools {
    static final String MODEL_INIT = "dev.stylefleet.train.export.ModelInitCommand";
    static final String IMPORT_CHECKPOINT = "dev.stylefleet.train.pretrained.ImportCheckpointCommand";
    /** Set by the ./stylefleet script for this JVM, and meant for TensorFlow's: handed on. */
    private static final List<String> FORWARDED_PROPERTIES =
            List.of("org.bytedeco.javacpp.cachedir", "java.util.logging.manager");

    private TrainingTools() {}

    /** Thrown when worker-train has not been built in this checkout. */
    static final class NotBuilt extends RuntimeException {
        NotBuilt(String message) {
            super(message);
        }
    }

    /** worker-train's runtime class path in this checkout. */
    static String classpath(Path repoRoot) {
        Path app = repoRoot.resolve("worker-train").resolve("target").resolve("quarkus-app");
        for (String dir : List.of("app", "lib/main", "lib/boot")) {
            if (!Files.isDirectory(app.resolve(dir))) {
                throw new NotBuilt("worker-train is not built (" + app.resolve(dir) + " is missing): run ./stylefleet "
                        + "once, which builds it, or ./mvnw -DskipTests install");
            }
        }
        return String.join(File.pathSeparator, app.resolve("app") + File.separator + "*",
                app.resolve("lib").resolve("main") + File.separator + "*",
                app.resolve("lib").resolve("boot") + File.separator + "*");
    }

    /**
     * Runs {@code mainClass args} in a child JVM on worker-train's class path; its standard output goes
     * to {@code out}, its standard error to {@code err}. Returns its exit status.
     */
    static int run(String mainClass, List<String> args, Writer out, Writer err) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : FORWARDED_PROPERTIES) {
            String v = System.getProperty(p);
            if (v != null) {
                cmd.add("-D" + p + "=" + v);
            }
        }
        cmd.add("-cp");
        cmd.add(classpath(Launcher.repoRoot()));
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            Thread errors = new Thread(() -> relay(p.getErrorStream(), err), "relay-" + mainClass);
            errors.start();
            relay(p.getInputStream(), out);
            int status = p.waitFor();
            errors.join();
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + mainClass + " ran", e);
        }
    }

    private static void relay(InputStream from, Writer to) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                synchronized (to) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
