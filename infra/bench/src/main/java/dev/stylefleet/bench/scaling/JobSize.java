package dev.stylefleet.bench.scaling;

/** The kinds of inference job the simulation mixes: a built-in style at three sizes and 4x super-resolution. */
enum JobSize {
    STYLE_256("style 256²", 256),
    STYLE_512("style 512²", 512),
    STYLE_1024("style 1024²", 1024),
    /** 256² in, 1024² out. */
    SR_X4_256("sr-x4 256² → 1024²", 1024);

    private final String label;
    private final int outputSide;

    JobSize(String label, int outputSide) {
        this.label = label;
        this.outputSide = outputSide;
    }

    String label() {
        return label;
    }

    /** Output pixels relative to a 1024² image: what the result upload scales with. */
    double outputPixelsOver1024Squared() {
        return (double) outputSide * outputSide / (1024.0 * 1024.0);
    }
}
