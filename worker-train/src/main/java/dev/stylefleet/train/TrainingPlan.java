package dev.stylefleet.train;

import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.data.LoaderSpec;
import dev.stylefleet.train.loss.LossWeights;
import dev.stylefleet.train.loss.PixelNorm;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.NetOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A training job's parameters with every default filled in and checked: what {@link Trainer} runs.
 * The defaults are the paper's (section 4; docs/training.md lists them):
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><td>iterations</td><td>40,000 (style), 200,000 (super-resolution)</td></tr>
 *   <tr><td>batch size</td><td>4</td></tr>
 *   <tr><td>image size</td><td>256 (style crops), 288 (super-resolution high-resolution patches)</td></tr>
 *   <tr><td>style size</td><td>256 (longer side of the style image)</td></tr>
 *   <tr><td>learning rate</td><td>1e-3 (Adam)</td></tr>
 *   <tr><td>arch</td><td>{@code style}; {@code sr4} / {@code sr8} by scale (default 4)</td></tr>
 *   <tr><td>super-resolution loss</td><td>{@code feature} (relu2_2)</td></tr>
 *   <tr><td>checkpoint / progress every</td><td>1000 / 100 steps</td></tr>
 * </table>
 */
public record TrainingPlan(
        Task task,
        ArchSpec arch,
        NetOptions netOptions,
        int scale,
        SrLoss srLoss,
        long iterations,
        int batchSize,
        int imageSize,
        int styleSize,
        double learningRate,
        LossWeights weights,
        int checkpointEvery,
        int progressEvery,
        long seed,
        LrDecay lrDecay,
        LoaderSpec.Degradation degradation) {

    public static final int DEFAULT_STYLE_ITERATIONS = 40_000;
    public static final int DEFAULT_SR_ITERATIONS = 200_000;
    public static final int DEFAULT_BATCH_SIZE = 4;
    public static final int DEFAULT_STYLE_IMAGE_SIZE = 256;
    public static final int DEFAULT_SR_PATCH_SIZE = 288;
    public static final int DEFAULT_STYLE_SIZE = 256;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final int DEFAULT_SCALE = 4;
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    public static final int DEFAULT_PROGRESS_EVERY = 100;
    public static final long DEFAULT_SEED = 0;

    public enum Task {
        STYLE, SUPER_RESOLVE;

        /** The registry's task name ({@code ModelManifest.task}). */
        public String registryTask() {
            return this == STYLE ? "stylize" : "super-resolve";
        }
    }

    /**
     * Learning-rate schedule. {@link #COSINE}: from the plan's rate down to {@link #COSINE_FLOOR} of it
     * over the iterations along half a cosine (Loshchilov and Hutter 2017, without restarts).
     */
    public enum LrDecay {
        NONE, COSINE;

        public static final double COSINE_FLOOR = 0.01;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum SrLoss {
        FEATURE, PIXEL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrainingPlan {
        if (task == Task.SUPER_RESOLVE && arch.scale() != scale) {
            throw new IllegalArgumentException("params.arch '" + arch.name() + "' upscales x" + arch.scale()
                    + " but params.scale is " + scale);
        }
        if (task == Task.STYLE && arch.scale() != 1) {
            throw new IllegalArgumentException("params.arch '" + arch.name()
                    + "' must keep the image size for a style job (scale 1), it upscales x" + arch.scale());
        }
        if (imageSize % scale != 0) {
            throw new IllegalArgumentException("params.imageSize must be a multiple of params.scale (" + scale
                    + "), got " + imageSize);
        }
        int min = arch.minInputSide(netOptions);
        if (imageSize / scale < min) {
            throw new IllegalArgumentException("params.imageSize must be at least " + min * scale + " for "
                    + arch.name() + ", got " + imageSize);
        }
        if (iterations < 1 || batchSize < 1 || checkpointEvery < 1 || progressEvery < 1 || styleSize < 1) {
            throw new IllegalArgumentException("iterations, batchSize, styleSize, checkpointEvery and "
                    + "progressEvery must be >= 1");
        }
        if (lrDecay == null || degradation == null) {
            throw new IllegalArgumentException("lrDecay and degradation are required");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("params.learningRate must be a finite number > 0, got " + learningRate);
        }
    }

    /**
     * The plan of a job message.
     *
     * @throws IllegalArgumentException naming the parameter and what is allowed
     */
    public static TrainingPlan of(TrainJobRequested job) {
        Task task = switch (job.task()) {
            case TrainJobRequested.TASK_STYLE -> Task.STYLE;
            case TrainJobRequested.TASK_SUPER_RESOLVE -> Task.SUPER_RESOLVE;
            default -> throw new IllegalArgumentException("task must be one of style, super-resolve, got '"
                    + job.task() + "'");
        };
        return of(task, job.params());
    }

    public static TrainingPlan of(Task task, TrainParams params) {
        TrainParams p = params != null ? params : new TrainParams(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        boolean sr = task == Task.SUPER_RESOLVE;
        int scale = sr ? orDefault(p.scale(), DEFAULT_SCALE) : 1;
        if (sr && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("params.scale must be 4 or 8, got " + scale);
        }
        if (!sr && p.scale() != null && p.scale() != 1) {
            throw new IllegalArgumentException("params.scale is for super-resolution jobs; a style job has scale 1");
        }
        ArchSpec arch = ArchSpec.parse(p.arch() != null ? p.arch() : sr ? "sr" + scale : "style");
        NetOptions options = new NetOptions(
                p.norm() == null ? NetOptions.PAPER.norm() : NetOptions.Norm.parse(p.norm()),
                p.upsample() == null ? NetOptions.PAPER.upsample() : NetOptions.Upsample.parse(p.upsample()),
                p.padding() == null ? NetOptions.PAPER.padding() : NetOptions.Padding.parse(p.padding()),
                p.width() == null ? NetOptions.PAPER.width() : p.width());
        if (p.output() != null) {
            options = options.withOutput(NetOptions.Output.parse(p.output()));
        }
        if (p.skip() != null) {
            NetOptions.Skip skip = NetOptions.Skip.parse(p.skip());
            if (skip != NetOptions.Skip.NONE && !sr) {
                throw new IllegalArgumentException("params.skip=" + p.skip() + " is for super-resolution jobs");
            }
            options = options.withSkip(skip);
        }
        if (p.initFrom() != null) {
            throw new IllegalArgumentException("params.initFrom is not supported by this training worker yet");
        }
        LrDecay lrDecay = p.lrDecay() == null ? LrDecay.NONE : parseEnum(LrDecay.class, "lrDecay", p.lrDecay());
        LoaderSpec.Degradation degradation = p.degradation() == null ? LoaderSpec.Degradation.BLUR_BICUBIC
                : parseEnum(LoaderSpec.Degradation.class, "degradation", p.degradation().replace('-', '_'));
        LossWeights weights = LossWeights.fromParams(p);
        if (p.pixelNorm() != null) {
            weights = weights.withPixelNorm(parseEnum(PixelNorm.class, "pixelNorm", p.pixelNorm()));
        }
        SrLoss loss = SrLoss.FEATURE;
        if (p.loss() != null) {
            loss = switch (p.loss()) {
                case "feature" -> SrLoss.FEATURE;
                case "pixel" -> SrLoss.PIXEL;
                default -> throw new IllegalArgumentException("params.loss must be one of feature, pixel, got '"
                        + p.loss() + "'");
            };
        }
        return new TrainingPlan(task, arch, options, scale, loss,
                orDefault(p.iterations(), sr ? DEFAULT_SR_ITERATIONS : DEFAULT_STYLE_ITERATIONS),
                orDefault(p.batchSize(), DEFAULT_BATCH_SIZE),
                orDefault(p.imageSize(), sr ? DEFAULT_SR_PATCH_SIZE : DEFAULT_STYLE_IMAGE_SIZE),
                orDefault(p.styleSize(), DEFAULT_STYLE_SIZE),
                p.learningRate() == null ? DEFAULT_LEARNING_RATE : p.learningRate(),
                weights,
                orDefault(p.checkpointEvery(), DEFAULT_CHECKPOINT_EVERY),
                orDefault(p.progressEvery(), DEFAULT_PROGRESS_EVERY),
                p.seed() == null ? DEFAULT_SEED : p.seed(),
                lrDecay, degradation);
    }

    /** True when the objective needs the VGG-16 loss network (everything but pixel-loss super-resolution). */
    public boolean needsLossNetwork() {
        return task == Task.STYLE || srLoss == SrLoss.FEATURE;
    }

    /** How the data loader cuts images for this plan. */
    public LoaderSpec loaderSpec(long seedOffset) {
        return new LoaderSpec(task == Task.STYLE ? LoaderSpec.Mode.STYLE : LoaderSpec.Mode.SUPER_RESOLUTION,
                imageSize, scale, batchSize, seed + seedOffset, LoaderSpec.DEFAULT_QUEUE_CAPACITY, degradation);
    }

    /** The learning rate of step {@code step} (0-based) under {@link #lrDecay}. */
    public double learningRateAt(long step) {
        if (lrDecay == LrDecay.NONE) {
            return learningRate;
        }
        double progress = Math.min(1.0, (double) step / iterations);
        double floor = LrDecay.COSINE_FLOOR;
        return learningRate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.trim())) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("params." + field + " must be one of " + allowed + ", got '" + s + "'");
    }

    /** The plan as JSON-friendly values, for checkpoint.json's trainingSpec and the ONNX metadata. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.registryTask());
        m.put("arch", arch.canonical());
        m.put("options", netOptions.describe());
        m.put("scale", scale);
        if (task == Task.SUPER_RESOLVE) {
            m.put("loss", srLoss.wire());
            m.put("pixelNorm", weights.pixelNorm().name().toLowerCase(Locale.ROOT));
            m.put("degradation", degradation.wire());
        }
        m.put("lrDecay", lrDecay.wire());
        m.put("iterations", iterations);
        m.put("batchSize", batchSize);
        m.put("imageSize", imageSize);
        if (task == Task.STYLE) {
            m.put("styleSize", styleSize);
        }
        m.put("learningRate", learningRate);
        m.put("contentWeight", weights.content());
        m.put("styleWeight", weights.style());
        m.put("tvWeight", weights.tv());
        m.put("pixelWeight", weights.pixel());
        m.put("contentLayer", weights.contentLayer().paperName());
        m.put("seed", seed);
        return m;
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }
}
