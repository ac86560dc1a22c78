package dev.stylefleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU a figure was measured on, from {@code /proc/cpuinfo}: every figure table states its model and
 * vector flags, because the machine changes from session to session.
 */
public final class CpuInfo {
    /** The flags that decide how fast this project's code runs (vector width, int8 dot products). */
    static final List<String> VECTOR_FLAGS = List.of("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16",
            "amx_tile");

    private CpuInfo() {}

    /** The first value of {@code key} (e.g. "model name", "cpu family", "flags"), or "unknown". */
    public static String field(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key) && line.substring(key.length()).trim().startsWith(":")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** Which of {@link #VECTOR_FLAGS} the CPU has, comma-separated. */
    public static String vectorFlags() {
        List<String> have = new ArrayList<>();
        String flags = " " + field("flags") + " ";
        for (String f : VECTOR_FLAGS) {
            if (flags.contains(" " + f + " ")) {
                have.add(f);
            }
        }
        return String.join(", ", have);
    }

    /** One line: model, family/model numbers, cores, vector flags. */
    public static String describe() {
        return field("model name") + " (family " + field("cpu family") + " model " + field("model") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores, " + vectorFlags();
    }
}
