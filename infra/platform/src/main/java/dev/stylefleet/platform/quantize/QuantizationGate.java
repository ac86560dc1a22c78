package dev.stylefleet.platform.quantize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quality gate an int8 model must pass before it replaces its float32 original: both models are
 * run in ONNX Runtime (CPU, full graph optimization, as the inference worker runs them, so the
 * fused int8 kernels are what is measured) on held-out images and their outputs compared by PSNR
 * on the [0, 255] pixel scale. Thresholds are the caller's: for style models int8 against float32
 * (e.g. 38 dB); for super-resolution also both against ground truth (e.g. at most 0.05 dB lost).
 */
public final class QuantizationGate {
    /** The model interface's pixel peak. */
    public static final double PEAK = 255;

    private final OrtEnvironment env;

    public QuantizationGate(OrtEnvironment env) {
        this.env = env;
    }

    /** PSNR of the int8 model's outputs against the float32 model's on {@code images}. */
    public GateFigures compare(byte[] fp32Model, byte[] int8Model, List<NchwImage> images) throws OrtException {
        return compare(run(fp32Model, images), int8Model, images);
    }

    /**
     * PSNR of the int8 model's outputs against {@code reference}, the float32 model's outputs on
     * {@code images} ({@link #outputs}): for searches that compare many int8 variants with one float run.
     */
    public GateFigures compare(List<float[]> reference, byte[] int8Model, List<NchwImage> images) throws OrtException {
        List<float[]> a = reference, b = run(int8Model, images);
        double sum = 0, min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < images.size(); i++) {
            double p = ImagePsnr.cappedPsnr(b.get(i), a.get(i), PEAK);
            sum += p;
            min = Math.min(min, p);
        }
        return images.isEmpty() ? new GateFigures(0, 0, 0) : new GateFigures(sum / images.size(), min, images.size());
    }

    /**
     * Mean PSNR of each model's outputs against {@code groundTruth} (one per input, the output's
     * shape, e.g. the high-resolution originals of the downscaled inputs).
     */
    public GroundTruthFigures compareWithGroundTruth(byte[] fp32Model, byte[] int8Model, List<NchwImage> inputs,
            List<NchwImage> groundTruth) throws OrtException {
        if (inputs.size() != groundTruth.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs, " + groundTruth.size() + " ground truths");
        }
        List<float[]> a = run(fp32Model, inputs), b = run(int8Model, inputs);
        double fp32 = 0, int8 = 0;
        for (int i = 0; i < inputs.size(); i++) {
            fp32 += ImagePsnr.cappedPsnr(a.get(i), groundTruth.get(i).values(), PEAK);
            int8 += ImagePsnr.cappedPsnr(b.get(i), groundTruth.get(i).values(), PEAK);
        }
        int n = inputs.size();
        return n == 0 ? new GroundTruthFigures(0, 0, 0) : new GroundTruthFigures(fp32 / n, int8 / n, n);
    }

    /** The model's outputs on {@code images}, run as {@link #compare} runs it. */
    public List<float[]> outputs(byte[] model, List<NchwImage> images) throws OrtException {
        return run(model, images);
    }

    private List<float[]> run(byte[] model, List<NchwImage> images) throws OrtException {
        List<float[]> out = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(model, options)) {
                String input = session.getInputNames().iterator().next();
                for (NchwImage image : images) {
                    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image.values()), image.shape());
                            OrtSession.Result r = session.run(Map.of(input, x))) {
                        FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                        float[] values = new float[fb.remaining()];
                        fb.get(values);
                        out.add(values);
                    }
                }
            }
        }
        return out;
    }
}
