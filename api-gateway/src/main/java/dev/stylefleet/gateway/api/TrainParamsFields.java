package dev.stylefleet.gateway.api;

import dev.stylefleet.schemas.TrainParams;
import java.util.List;

/**
 * Turns the training forms' text fields into {@link TrainParams}: a blank field stays null (the training
 * worker's default applies, docs/training.md); anything else must parse and lie in the range the
 * TrainJobRequested schema allows, or the answer is 400 INVALID_FIELD naming the field and what is allowed.
 * Checked here so that a bad value is refused at once rather than failing the job later (INVALID_PARAMS);
 * what depends on the network itself (an architecture string, the minimum crop size) is still the
 * worker's to judge.
 */
final class TrainParamsFields {
    static final List<String> NORMS = List.of("batch", "instance", "none");
    static final List<String> UPSAMPLES = List.of("deconv", "resize", "subpixel");
    static final List<String> PADDINGS = List.of("zero", "reflect", "same");
    static final List<String> OUTPUTS = List.of("tanh", "tanh150", "linear");
    static final List<String> LR_DECAYS = List.of("none", "cosine");
    static final List<String> LAYERS = List.of("relu1_2", "relu2_2", "relu3_3", "relu4_3");
    static final List<String> SR_LOSSES = List.of("feature", "pixel");
    static final List<String> PIXEL_NORMS = List.of("l2", "l1");
    static final List<String> SKIPS = List.of("none", "bicubic");
    /** {@code blur-bicubic}: the paper's (Gaussian blur, then bicubic); {@code bicubic}: the benchmarks' protocol. */
    static final List<String> DEGRADATIONS = List.of("blur-bicubic", "bicubic");
    static final List<Integer> SR_SCALES = List.of(4, 8);

    private TrainParamsFields() {}

    /** The parameters of {@code POST /v1/styles}. */
    static TrainParams style(StyleForm f) {
        Common c = common(f);
        return c.params(null, null, FormFields.integer("styleSize", f.styleSize, 16, 4096),
                FormFields.decimal("styleWeight", f.styleWeight, 0, Double.MAX_VALUE), null, null, null, null);
    }

    /**
     * The parameters of {@code POST /v1/upscalers}. {@code scale} is required there (the form's caller checks
     * presence); {@code imageSize}, the high-resolution patch side, must be a multiple of it.
     */
    static TrainParams superResolve(UpscalerForm f) {
        Common c = common(f);
        Integer scale = FormFields.integer("scale", f.scale, 1, 8);
        if (scale != null && !SR_SCALES.contains(scale)) {
            throw FormFields.invalid("scale", f.scale, "one of 4, 8");
        }
        if (scale != null && c.imageSize != null && c.imageSize % scale != 0) {
            throw FormFields.invalid("imageSize", f.imageSize, "a multiple of scale (" + scale + ")");
        }
        return c.params(scale, FormFields.oneOf("loss", f.loss, SR_LOSSES), null, null,
                FormFields.decimal("pixelWeight", f.pixelWeight, 0, Double.MAX_VALUE),
                FormFields.oneOf("pixelNorm", f.pixelNorm, PIXEL_NORMS),
                FormFields.oneOf("skip", f.skip, SKIPS),
                FormFields.oneOf("degradation", f.degradation, DEGRADATIONS));
    }

    /** The fields both forms have, parsed in form order (the first bad one is the answer). */
    private record Common(String arch, String norm, String upsample, String padding, Double width, String output,
            Integer iterations, Integer batchSize, Integer imageSize, Double learningRate, String lrDecay,
            Double contentWeight, Double tvWeight, String contentLayer, String initFrom, Integer checkpointEvery,
            Integer progressEvery, Long seed) {

        TrainParams params(Integer scale, String loss, Integer styleSize, Double styleWeight, Double pixelWeight,
                String pixelNorm, String skip, String degradation) {
            return new TrainParams(arch, norm, upsample, padding, width, scale, loss, iterations, batchSize,
                    imageSize, styleSize, learningRate, contentWeight, styleWeight, tvWeight, pixelWeight,
                    contentLayer, null, checkpointEvery, progressEvery, seed, skip, output, pixelNorm, lrDecay,
                    degradation, initFrom);
        }
    }

    private static Common common(TrainForm f) {
        return new Common(
                text("arch", f.arch, 256),
                FormFields.oneOf("norm", f.norm, NORMS),
                FormFields.oneOf("upsample", f.upsample, UPSAMPLES),
                FormFields.oneOf("padding", f.padding, PADDINGS),
                positive("width", f.width, 4),
                FormFields.oneOf("output", f.output, OUTPUTS),
                FormFields.integer("iterations", f.iterations, 1, 10_000_000),
                FormFields.integer("batchSize", f.batchSize, 1, 256),
                FormFields.integer("imageSize", f.imageSize, 16, 4096),
                positive("learningRate", f.learningRate, Double.MAX_VALUE),
                FormFields.oneOf("lrDecay", f.lrDecay, LR_DECAYS),
                FormFields.decimal("contentWeight", f.contentWeight, 0, Double.MAX_VALUE),
                FormFields.decimal("tvWeight", f.tvWeight, 0, Double.MAX_VALUE),
                FormFields.oneOf("contentLayer", f.contentLayer, LAYERS),
                modelId("initFrom", f.initFrom),
                FormFields.integer("checkpointEvery", f.checkpointEvery, 1, Integer.MAX_VALUE),
                FormFields.integer("progressEvery", f.progressEvery, 1, Integer.MAX_VALUE),
                seed(f.seed));
    }

    /** A model id's syntax (the registry's); null when blank. */
    static String modelId(String field, String value) {
        if (FormFields.blank(value)) {
            return null;
        }
        String v = value.trim();
        if (!SubmissionValidator.MODEL_ID.matcher(v).matches()) {
            throw FormFields.invalid(field, value, "a model id: lowercase letters, digits, '.', '_' and '-', "
                    + "1 to 64 characters, starting with a letter or digit");
        }
        return v;
    }

    private static Double positive(String field, String value, double max) {
        Double v = FormFields.decimal(field, value, 0, max);
        if (v != null && v == 0) {
            throw FormFields.invalid(field, value, "a number above 0" + (max < Double.MAX_VALUE ? " and at most " + max : ""));
        }
        return v;
    }

    private static String text(String field, String value, int maxLength) {
        if (FormFields.blank(value)) {
            return null;
        }
        // strip(), not trim(): the same whitespace as blank(); trim() also ate control characters, so
        // "\u0001" passed as not blank and became an empty value the message schema refuses
        // (found by FormFieldsFuzzTest).
        String text = value.strip();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw FormFields.invalid(field, value, "no control characters");
        }
        if (text.length() > maxLength) {
            throw FormFields.invalid(field, value, "at most " + maxLength + " characters");
        }
        return text;
    }

    private static Long seed(String value) {
        if (FormFields.blank(value)) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw FormFields.invalid("seed", value, "an integer");
        }
    }
}
