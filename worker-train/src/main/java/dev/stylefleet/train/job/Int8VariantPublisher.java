package dev.stylefleet.train.job;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.stylefleet.platform.quantize.GateFigures;
import dev.stylefleet.platform.quantize.GateThresholds;
import dev.stylefleet.platform.quantize.GroundTruthFigures;
import dev.stylefleet.platform.quantize.MixedPrecisionSearch;
import dev.stylefleet.platform.quantize.NchwImage;
import dev.stylefleet.platform.quantize.QuantizationGate;
import dev.stylefleet.platform.quantize.QuantizationSettings;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.train.data.Resampling;
import dev.stylefleet.train.data.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The int8 variant of a model a training job just published, built from the job's own dataset (the photos
 * the network was trained on are the ones its activations should be calibrated on):
 *
 * <ol>
 *   <li>the dataset's images, in their listed order, as centred square crops of {@code size} pixels: the first
 *       {@code calibrationImages} calibrate, the next {@code gateImages} are held out for the gate (a dataset
 *       too small for both gives no variant);</li>
 *   <li>{@link MixedPrecisionSearch} quantizes the Conv layers (QDQ, {@code platform.quantize}), keeping
 *       float32 the layers that cost the most, until the calibration images reach the gate's bound plus
 *       {@link GateThresholds#SEARCH_MARGIN_DB} on average and the bound on the worst one;</li>
 *   <li>the gate on the held-out images: PSNR against the float32 output at least
 *       {@link GateThresholds#MIN_PSNR_VS_FP32_DB}; for super-resolution (inputs: the crops downscaled
 *       bicubically by the scale, ground truth: the crops) also at most {@link GateThresholds#SR_MAX_LOSS_DB}
 *       lost against ground truth;</li>
 *   <li>only then {@link ModelRegistry#publishInt8}: the variant and the gate's figures in the manifest.</li>
 * </ol>
 *
 * Never fails the job: a variant is an optimisation, so any failure to build one is reported as the reason
 * there is none.
 */
public final class Int8VariantPublisher {
    private final OrtEnvironment env;
    private final int calibrationImages;
    private final int gateImages;
    private final int size;

    /** What happened: the new manifest when a variant was published, else why not. */
    public record Outcome(ModelManifest manifest, String detail) {
        public boolean published() {
            return manifest != null && manifest.int8() != null;
        }
    }

    public Int8VariantPublisher(OrtEnvironment env, int calibrationImages, int gateImages, int size) {
        if (calibrationImages < 1 || gateImages < 1 || size < 8) {
            throw new IllegalArgumentException("stylefleet.train.int8: calibration-images and gate-images must be "
                    + ">= 1 and size >= 8; were " + calibrationImages + ", " + gateImages + ", " + size);
        }
        this.env = env;
        this.calibrationImages = calibrationImages;
        this.gateImages = gateImages;
        this.size = size;
    }

    /** Builds, gates and (when it passes) publishes the int8 variant of {@code published}. */
    public Outcome publish(ModelRegistry registry, ModelManifest published, byte[] fp32, List<Path> dataset) {
        try {
            int scale = published.scale();
            int side = size - size % scale;
            List<RgbImage> crops = crops(dataset, calibrationImages + gateImages, side);
            if (crops.size() < 2) {
                return new Outcome(null, "the dataset has " + crops.size() + " readable images; calibration and "
                        + "the gate need at least 2");
            }
            // A small dataset: at least one image held out, the rest calibrate.
            int gate = Math.min(gateImages, Math.max(1, crops.size() - calibrationImages));
            List<RgbImage> calibrationCrops = crops.subList(0, crops.size() - gate);
            List<RgbImage> heldCrops = crops.subList(crops.size() - gate, crops.size());
            List<NchwImage> calibration = inputs(calibrationCrops, scale);
            List<NchwImage> held = inputs(heldCrops, scale);
            String text = String.format(Locale.ROOT, "%d images of training job %s's dataset, %d px crops%s",
                    calibration.size(), published.sourceJob(), side, scale > 1 ? ", bicubic x1/" + scale : "");
            MixedPrecisionSearch.Result search = new MixedPrecisionSearch(env).search(fp32,
                    QuantizationSettings.defaults(), calibration, calibration,
                    GateThresholds.MIN_PSNR_VS_FP32_DB + GateThresholds.SEARCH_MARGIN_DB,
                    GateThresholds.MIN_PSNR_VS_FP32_DB, text);
            if (search.int8Nodes().isEmpty()) {
                return new Outcome(null, "every layer would have to stay fp32 to reach "
                        + GateThresholds.MIN_PSNR_VS_FP32_DB + " dB");
            }
            QuantizationGate gateRun = new QuantizationGate(env);
            GateFigures g = gateRun.compare(fp32, search.model(), held);
            if (!g.passes(GateThresholds.MIN_PSNR_VS_FP32_DB)) {
                return new Outcome(null, String.format(Locale.ROOT, "gate: held-out mean %.2f dB against fp32 < %.0f dB",
                        g.meanPsnrDb(), GateThresholds.MIN_PSNR_VS_FP32_DB));
            }
            Double fp32Truth = null;
            Double int8Truth = null;
            if (scale > 1) {
                GroundTruthFigures t = gateRun.compareWithGroundTruth(fp32, search.model(), held, truths(heldCrops));
                if (!t.passes(GateThresholds.SR_MAX_LOSS_DB)) {
                    return new Outcome(null, String.format(Locale.ROOT, "gate: int8 loses %.3f dB against ground "
                            + "truth > %.2f dB", t.lossDb(), GateThresholds.SR_MAX_LOSS_DB));
                }
                fp32Truth = t.fp32PsnrDb();
                int8Truth = t.int8PsnrDb();
            }
            Int8Variant figures = new Int8Variant("0".repeat(64), search.model().length, text, g.images(),
                    GateThresholds.MIN_PSNR_VS_FP32_DB, g.meanPsnrDb(), g.minPsnrDb(), fp32Truth, int8Truth, null, null);
            ModelManifest m = registry.publishInt8(published, search.model(), figures);
            return new Outcome(m, String.format(Locale.ROOT, "%d Conv layers int8, %d kept fp32 %s; held-out %.2f dB "
                    + "against fp32", search.int8Nodes().size(), search.floatNodes().size(), search.floatNodes(),
                    g.meanPsnrDb()));
        } catch (OrtException | RuntimeException e) {
            return new Outcome(null, "could not be built: " + e);
        }
    }

    /** Up to {@code n} readable images, centred square crops resized to {@code side}. */
    private static List<RgbImage> crops(List<Path> files, int n, int side) {
        List<RgbImage> out = new ArrayList<>();
        for (Path f : files) {
            if (out.size() == n) {
                break;
            }
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException e) {
                continue; // training skipped unreadable images too
            }
            if (img == null) {
                continue;
            }
            RgbImage rgb = RgbImage.of(img);
            int s = Math.min(rgb.width(), rgb.height());
            RgbImage square = rgb.crop((rgb.width() - s) / 2, (rgb.height() - s) / 2, s, s);
            out.add(s == side ? square : Resampling.bicubic(square, side, side));
        }
        return out;
    }

    /** The model's inputs: the crops (style) or the crops downscaled by the scale, 8-bit as uploads are. */
    private static List<NchwImage> inputs(List<RgbImage> crops, int scale) {
        List<NchwImage> out = new ArrayList<>();
        for (RgbImage c : crops) {
            RgbImage in = scale == 1 ? c.quantized()
                    : Resampling.bicubic(c, c.width() / scale, c.height() / scale).quantized();
            out.add(nchw(in));
        }
        return out;
    }

    private static List<NchwImage> truths(List<RgbImage> crops) {
        return crops.stream().map(c -> nchw(c.quantized())).toList();
    }

    static NchwImage nchw(RgbImage img) {
        int w = img.width();
        int h = img.height();
        float[] v = new float[3 * w * h];
        float[] hwc = img.rgb();
        for (int i = 0; i < w * h; i++) {
            v[i] = hwc[3 * i];
            v[w * h + i] = hwc[3 * i + 1];
            v[2 * w * h + i] = hwc[3 * i + 2];
        }
        return new NchwImage(v, h, w);
    }
}
