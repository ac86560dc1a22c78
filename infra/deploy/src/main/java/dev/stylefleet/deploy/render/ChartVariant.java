package dev.stylefleet.deploy.render;

import java.util.List;

/**
 * One way the chart is installed: the values files layered on the chart's own values.yaml, in order.
 * Every variant is rendered and validated by the build.
 */
public enum ChartVariant {
    /** values.yaml alone: workers on ordinary nodes, inference on the CPU. */
    CPU(List.of()),
    /** values-gpu.yaml on top: workers on GPU node pools, one GPU each. */
    GPU(List.of("values-gpu.yaml"));

    private final List<String> valuesFiles;

    ChartVariant(List<String> valuesFiles) {
        this.valuesFiles = valuesFiles;
    }

    /** Values files relative to the chart directory, applied after values.yaml in this order. */
    public List<String> valuesFiles() {
        return valuesFiles;
    }

    /** Whether the variant puts the workers on GPUs (node pools, tolerations, nvidia.com/gpu limits). */
    public boolean gpu() {
        return this == GPU;
    }
}
