package dev.stylefleet.cli;

import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment a service's process starts with, beyond its configuration. Only
 * the inference worker has any (issue 15: its resident memory grew from 1.25 to 3.98 GB over large
 * decodes and load and never came back down; docs/reliability.md, "Hostile input and the worker's
 * memory", has the figures). The Helm chart sets the same for its pods (infra/deploy/chart values.yaml,
 * {@code workerInfer.javaOpts} and {@code workerInfer.mallocArenaMax}).
 */
final class ServiceJvm {
    /**
     * G1 collects and returns unused heap to the OS after this long without a collection (JDK 12+,
     * JEP 346); without it an idle worker keeps the heap its largest job grew. The free-ratio bound
     * makes that shrink go down to the live data plus 30 %.
     */
    static final List<String> INFER_WORKER_OPTIONS = List.of("-XX:G1PeriodicGCInterval=15000",
            "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10");
    /**
     * glibc gives each thread that mallocs concurrently its own arena (up to 8 per core), and memory
     * freed in an arena is rarely returned; the worker's natives (ONNX Runtime, zlib for PNG) run on
     * many threads. Two arenas keep that fragmentation bounded.
     */
    static final Map<String, String> INFER_WORKER_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private ServiceJvm() {}

    static List<String> options(Service service) {
        return service == Service.INFER_WORKER ? INFER_WORKER_OPTIONS : List.of();
    }

    static Map<String, String> environment(Service service) {
        return service == Service.INFER_WORKER ? INFER_WORKER_ENVIRONMENT : Map.of();
    }
}
