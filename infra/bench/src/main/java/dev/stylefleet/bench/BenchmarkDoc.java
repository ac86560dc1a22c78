package dev.stylefleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one {@code ## section} of docs/benchmarks.md, leaving every other section (other people's
 * benchmarks) as it is: the section's lines up to the next {@code ## } heading are replaced, or the
 * section is appended when the file does not have it yet.
 */
public final class BenchmarkDoc {
    private BenchmarkDoc() {}

    /**
     * How docs/benchmarks.md says to run {@code main}: build this module (and what it needs) with the
     * reactor, then a plain JVM on the class path the build wrote (see this module's pom).
     */
    public static String command(Class<?> main, String args) {
        // The services' log manager (on this class path through them), named before anything logs.
        return "./mvnw -q -pl infra/bench -am compile && java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "
                + "-cp \"infra/bench/target/classes:$(cat "
                + "infra/bench/target/classpath.txt)\" " + main.getName() + (args.isBlank() ? "" : " " + args);
    }

    public static void writeSection(Path file, String heading, String body) {
        try {
            List<String> lines = Files.exists(file)
                    ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : new ArrayList<>(List.of("# Benchmarks", ""));
            List<String> section = new ArrayList<>();
            section.add(heading);
            section.add("");
            section.addAll(List.of(body.strip().split("\n", -1)));
            section.add("");
            int start = lines.indexOf(heading);
            if (start < 0) {
                if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                    lines.add("");
                }
                lines.addAll(section);
            } else {
                int end = start + 1;
                while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                    end++;
                }
                lines.subList(start, end).clear();
                lines.addAll(start, section);
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** The 1-minute load average and core count, to say under what load a figure was measured. */
    public static String load() {
        try {
            String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return "load average " + avg + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors() + " cores (load unknown)";
        }
    }

    /** Peak resident set size of this process in MiB (VmHWM), or -1 where /proc is missing. */
    public static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figure.
        }
        return -1;
    }
}
