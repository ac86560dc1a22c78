package dev.stylefleet.bench;

import java.util.HashMap;
import java.util.Map;

/** The group benchmarks' command line: {@code --key value} pairs, keys without the dashes. */
final class BenchArgs {
    private BenchArgs() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }
}
