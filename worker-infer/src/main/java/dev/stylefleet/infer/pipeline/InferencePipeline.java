package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.ImageAdjustments;
import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.imaging.ResultEncoder;
import dev.stylefleet.infer.model.LoadedModel;

import dev.stylefleet.schemas.InferOptions;
import java.awt.image.BufferedImage;

/**
 * Encoded input bytes to encoded result bytes for one model, with no storage or Kafka: probe the
 * header against the limits, decode upright, {@code maxSide}, run (tiled above the pixel budget,
 * through the micro-batcher), histogramMatch / preserveColor / strength, alpha passed through,
 * encode. {@link InferJobProcessor} wraps it with the registry and S3; tests and the benchmark call it
 * directly. Thread-safe.
 */
public final class InferencePipeline {
    private final InferenceSettings settings;
    private final long maxOutputPixels;
    private final MicroBatcher batcher;

    public InferencePipeline(InferenceSettings settings, long maxOutputPixels, InferMetrics metrics) {
        this.settings = settings;
        this.maxOutputPixels = maxOutputPixels;
        this.batcher = new MicroBatcher(settings.batchWindow(), settings.maxBatch(), metrics);
    }

    /**
     * The encoded result, its size, the input's upright size (for the log line), and where the time went
     * (nanoseconds): probe, decode and shrink; model runs and options; encode.
     */
    public record Rendered(ResultEncoder.Encoded encoded, int width, int height, int inputWidth, int inputHeight,
            long decodeNanos, long inferNanos, long encodeNanos) {}

    /** Checks the options against the task before anything is fetched; INVALID_OPTIONS naming the field. */
    public static void checkOptions(InferOptions options, boolean stylize) {
        if (stylize && Boolean.TRUE.equals(options.histogramMatch())) {
            throw new JobFailure(ErrorCode.INVALID_OPTIONS, "options.histogramMatch applies to super-resolve jobs "
                    + "only (the paper's super-resolution post-processing); omit it or set it false for stylize");
        }
    }

    public Rendered run(byte[] input, LoadedModel model, boolean stylize, InferOptions options, String outputFormat) {
        return run(input, model, stylize, options, outputFormat, CancelCheck.NONE);
    }

    /** As above; {@code cancel} is asked before every model run, so a tiled image stops between tiles. */
    public Rendered run(byte[] input, LoadedModel model, boolean stylize, InferOptions options, String outputFormat,
            CancelCheck cancel) {
        // Registered with the batcher for its whole run, so that a lone job never waits out the batch window.
        try (MicroBatcher.Job ignored = batcher.job()) {
            return render(input, model, stylize, options, outputFormat, cancel);
        }
    }

    private Rendered render(byte[] input, LoadedModel model, boolean stylize, InferOptions options, String outputFormat,
            CancelCheck cancel) {
        checkOptions(options, stylize);
        long t0 = System.nanoTime();
        int scale = model.manifest().scale();
        ImageDecoder.Header header = ImageDecoder.probe(input, settings.limits());
        ImageDecoder.Size upright = header.upright();
        int[] target = fitted(upright.width(), upright.height(), options.maxSide());
        long outputPixels = (long) target[0] * target[1] * scale * scale;
        if (outputPixels > maxOutputPixels) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE, "image: " + target[0] + "x" + target[1]
                    + " at scale " + scale + " (model " + model.manifest().modelId() + ") would be " + outputPixels
                    + " output pixels; at most " + maxOutputPixels + " allowed (stylefleet.infer.max-output-pixels)"
                    + "; options.maxSide can shrink the input first");
        }
        // Read at a reduced size when maxSide shrinks the image, then area-average to the exact size; the
        // full-size raster of a large input is never held (issue 15).
        BufferedImage image = ImageDecoder.decode(input, header, target[0], target[1]);
        if (image.getWidth() != target[0] || image.getHeight() != target[1]) {
            image = ImageAdjustments.shrinkTo(image, target[0], target[1]);
        }
        long t1 = System.nanoTime();
        TiledInference tiling = model.fixedSize() != null
                ? TiledInference.fixed(model.fixedSize(), settings.tileOverlap()) : settings.tiling(stylize);
        BufferedImage result = tiling.run(cancel.guard(batcher.runner(model)), new PixelSource(image), scale);
        result = applyOptions(result, image, options);
        if (image.getColorModel().hasAlpha()) {
            result = ImageAdjustments.withAlpha(result, image);
        }
        long t2 = System.nanoTime();
        ResultEncoder.Encoded encoded = ResultEncoder.encode(result, outputFormat, options.quality(), settings.png());
        long t3 = System.nanoTime();
        return new Rendered(encoded, result.getWidth(), result.getHeight(), upright.width(), upright.height(),
                t1 - t0, t2 - t1, t3 - t2);
    }

    /** histogramMatch, then preserveColor, then strength: each sees the previous one's result. */
    static BufferedImage applyOptions(BufferedImage out, BufferedImage input, InferOptions options) {
        boolean match = Boolean.TRUE.equals(options.histogramMatch());
        boolean color = Boolean.TRUE.equals(options.preserveColor());
        double strength = options.strength() == null ? 1.0 : options.strength();
        if (match) {
            ImageAdjustments.histogramMatch(out, input);
        }
        if (color || strength < 1.0) {
            BufferedImage ref = ImageAdjustments.resize(ImageAdjustments.toIntImage(input), out.getWidth(),
                    out.getHeight());
            if (color) {
                ImageAdjustments.preserveColor(out, ref);
            }
            if (strength < 1.0) {
                ImageAdjustments.blend(out, ref, strength);
            }
        }
        return out;
    }

    /** The size after {@code maxSide} (same rounding as {@link ImageAdjustments#downscale}). */
    static int[] fitted(int w, int h, Integer maxSide) {
        if (maxSide == null || Math.max(w, h) <= maxSide) {
            return new int[] {w, h};
        }
        double f = (double) maxSide / Math.max(w, h);
        return new int[] {Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f))};
    }
}
