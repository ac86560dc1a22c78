package dev.stylefleet.infer.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU's feature flags as Linux reports them ({@code /proc/cpuinfo}, the first {@code flags} line), read
 * to decide whether int8 inference pays: ONNX Runtime's quantized convolutions (MLAS) are fast only with
 * int8 dot-product instructions — AMX ({@code amx_int8}), AVX-512 VNNI ({@code avx512_vnni}) or AVX-VNNI
 * ({@code avx_vnni}); without them (AVX2 only) an int8 convolution widens through 16-bit multiplies and
 * gains little over float32 (docs/benchmarks.md, "int8 inference").
 *
 * @param model the {@code model name} line, for log lines and benchmarks; "unknown" when absent
 * @param flags every flag, lower case
 */
public record CpuFeatures(String model, Set<String> flags) {
    /** The int8 dot-product flags, best first. */
    public static final List<String> INT8_DOT_PRODUCT = List.of("amx_int8", "avx512_vnni", "avx_vnni");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** This machine's; no flags when {@code /proc/cpuinfo} cannot be read (not Linux): then never int8 by auto. */
    public static CpuFeatures read() {
        try {
            return parse(Files.readString(CPUINFO));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures("unknown", Set.of());
        }
    }

    /** From the text of {@code /proc/cpuinfo}. */
    public static CpuFeatures parse(String cpuinfo) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        boolean flagsRead = false;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && !flagsRead) {
                for (String f : value.split("\\s+")) {
                    if (!f.isEmpty()) {
                        flags.add(f.toLowerCase(Locale.ROOT));
                    }
                }
                flagsRead = true;
            }
        }
        return new CpuFeatures(model, Set.copyOf(flags));
    }

    /** The best int8 dot-product flag the CPU has, if any. */
    public Optional<String> int8DotProduct() {
        return INT8_DOT_PRODUCT.stream().filter(flags::contains).findFirst();
    }
}
