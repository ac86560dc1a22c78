package dev.stylefleet.platform.quantize;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-layer mixed precision chosen by measurement: which Conv layers stay float32 so the int8 model
 * is close enough to the float32 one. Why: with every Conv int8 (the last one float) the style
 * built-in {@code wave} reaches only 35.9 dB mean / 32.2 dB min PSNR against float32 on held-out
 * photos, under the product's 38 dB; quantization error is not spread evenly over the layers. A
 * Conv's output is quantized per tensor and then instance-normalized per channel, so a channel with a
 * small range is amplified with its rounding noise; how much that costs depends on the layer.
 *
 * <p>The search, on calibration images only (the gate's held-out photos are never looked at):
 * <ol>
 *   <li>calibrate every quantizable Conv once ({@link ActivationCalibrator}); run the float32 model
 *       once for the reference outputs;</li>
 *   <li>the model with all of them int8: if its PSNR against float32 reaches the target, done;</li>
 *   <li>sensitivity: for each layer, the model with <em>only that layer</em> int8, its PSNR against
 *       float32 (high: harmless; low: damaging);</li>
 *   <li>greedily keep the most damaging layer float32 (the lowest single-layer PSNR first), re-measure
 *       the whole model, until the target (the gate's threshold plus a margin, so held-out photos
 *       still clear the threshold) is reached or no layer is left int8.</li>
 * </ol>
 * Cost: one calibration, 1 + layers + steps runs over the search images.
 *
 * <p>Measured (Int8Builtins, docs/benchmarks.md "int8 inference"; 12 content/train photos at long side
 * 512 for the ranges, 4 of them for the search, target mean 40 dB and worst photo 38 dB; gate on the 7
 * content/test photos at long side 512): scream 40.7 dB held-out with 3 of 13 Convs kept float, la-muse
 * 39.2 (2), rain-princess 40.0 (8), wreck 38.3 (2) pass; udnie 37.8 (2) and wave 36.0 (2, worst photo
 * 30.2) fail: their search photos reached the target (wave 40.0 dB) but the held-out photos are harder
 * than the training photos, so the per-layer choice does not carry over. The most damaging layers are
 * mostly the residual blocks' second Convs (l05-l07 conv2, whose output goes through InstanceNorm into
 * the residual sum) and the first two Convs.
 */
public final class MixedPrecisionSearch {
    private final OrtEnvironment env;

    public MixedPrecisionSearch(OrtEnvironment env) {
        this.env = env;
    }

    /** A layer's PSNR against float32 when it alone is int8. */
    public record Sensitivity(String node, double psnrDb) {}

    /**
     * What the search chose.
     *
     * @param settings      the base settings plus the layers kept float32 ({@link QuantizationSettings#excludedNodes})
     * @param model         the chosen int8 model (ONNX bytes)
     * @param int8Nodes     the layers int8 in it, graph order
     * @param floatNodes    the quantizable layers kept float32 by measurement, in the order they were dropped
     * @param sensitivities each candidate layer alone int8, most damaging first
     * @param allInt8       every candidate layer int8, against float32 on the search images
     * @param chosen        the chosen model against float32 on the search images
     * @param reached       whether {@code chosen} reaches the target
     */
    public record Result(QuantizationSettings settings, byte[] model, List<String> int8Nodes, List<String> floatNodes,
            List<Sensitivity> sensitivities, GateFigures allInt8, GateFigures chosen, boolean reached) {}

    /**
     * Searches the layers of {@code fp32Model} to keep float32 so the int8 model's mean PSNR against
     * float32 on {@code calibration} is at least {@code targetDb}.
     */
    public Result search(byte[] fp32Model, QuantizationSettings base, List<NchwImage> calibration, double targetDb,
            String calibrationText) throws OrtException {
        return search(fp32Model, base, calibration, calibration, targetDb, Double.NEGATIVE_INFINITY, calibrationText);
    }

    /**
     * As {@link #search(byte[], QuantizationSettings, List, double, String)}, ranges calibrated on
     * {@code calibration} and the PSNRs measured on {@code searchImages} (e.g. a few of the calibration
     * photos at the size the gate runs: on wave, all-int8 measured 38.2 dB on 16 calibration photos at
     * 256x256 but 35.4 dB on the held-out photos at long side 512, so a search at 256x256 kept too few
     * layers float32). Neither may hold the gate's held-out images. Reached when the mean PSNR is at
     * least {@code targetDb} and the worst image's at least {@code minTargetDb}: a mean over images
     * hides one hard photo, and on wave the held-out mean was pulled down by one photo at 29.6 dB.
     */
    public Result search(byte[] fp32Model, QuantizationSettings base, List<NchwImage> calibration,
            List<NchwImage> searchImages, double targetDb, double minTargetDb, String calibrationText)
            throws OrtException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(fp32Model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        ActivationRanges ranges = new ActivationCalibrator(env, base).calibrate(fp32Model, calibration);
        List<String> candidates = new Int8Quantizer(base).quantizedNodes(model, ranges);
        QuantizationGate gate = new QuantizationGate(env);
        List<float[]> reference = gate.outputs(fp32Model, searchImages);

        byte[] all = quantize(model, base, ranges, calibrationText);
        GateFigures allFigures = gate.compare(reference, all, searchImages);
        if (reaches(allFigures, targetDb, minTargetDb) || candidates.isEmpty()) {
            return new Result(base, all, candidates, List.of(), List.of(), allFigures, allFigures,
                    reaches(allFigures, targetDb, minTargetDb));
        }

        List<Sensitivity> sensitivities = new ArrayList<>();
        for (String node : candidates) {
            Set<String> others = new LinkedHashSet<>(base.excludedNodes());
            candidates.stream().filter(c -> !c.equals(node)).forEach(others::add);
            byte[] single = quantize(model, base.withExcludedNodes(others), ranges, calibrationText);
            sensitivities.add(new Sensitivity(node, gate.compare(reference, single, searchImages).meanPsnrDb()));
        }
        sensitivities.sort(Comparator.comparingDouble(Sensitivity::psnrDb));

        Set<String> kept = new LinkedHashSet<>(base.excludedNodes());
        List<String> floatNodes = new ArrayList<>();
        QuantizationSettings settings = base;
        byte[] chosen = all;
        GateFigures figures = allFigures;
        for (Sensitivity s : sensitivities) {
            if (reaches(figures, targetDb, minTargetDb)) {
                break;
            }
            kept.add(s.node());
            floatNodes.add(s.node());
            settings = base.withExcludedNodes(kept);
            if (floatNodes.size() == candidates.size()) {
                // Nothing left int8: the float32 model itself.
                chosen = fp32Model;
                figures = new GateFigures(ImagePsnr.CAP_DB, ImagePsnr.CAP_DB, searchImages.size());
                break;
            }
            chosen = quantize(model, settings, ranges, calibrationText);
            figures = gate.compare(reference, chosen, searchImages);
        }
        List<String> int8Nodes = candidates.stream().filter(c -> !floatNodes.contains(c)).toList();
        return new Result(settings, chosen, int8Nodes, List.copyOf(floatNodes), List.copyOf(sensitivities), allFigures,
                figures, reaches(figures, targetDb, minTargetDb));
    }

    private static boolean reaches(GateFigures f, double targetDb, double minTargetDb) {
        return f.meanPsnrDb() >= targetDb && f.minPsnrDb() >= minTargetDb;
    }

    private static byte[] quantize(ModelProto model, QuantizationSettings s, ActivationRanges ranges, String text) {
        return new Int8Quantizer(s).quantize(model, ranges, text).toByteArray();
    }
}
