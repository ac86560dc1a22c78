package dev.stylefleet.platform.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.schemas.InferJobRequested;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether an ONNX file may enter the registry as a model for a task and scale (model import,
 * issue 7 section 2): ONNX Runtime (CPU) must load it, its signature must fit the model interface
 * ({@link ModelSignature}), and a probe run on a mid-grey image must give exactly [1,3,H·s,W·s] with
 * finite values, where s is 1 for {@code stylize} and the declared scale for {@code super-resolve}.
 * One place for both users: the gateway runs it before storing an import ({@code POST /v1/models}),
 * the inference worker's ModelValidator delegates to it.
 *
 * <p>The probe's cost is bounded: the image is {@value #PROBE_SIDE} x {@value #PROBE_SIDE} for dynamic
 * inputs (a multiple of 4, as style nets with two stride-2 layers need) or the model's fixed size; a
 * fixed size whose output would exceed {@link #MAX_PROBE_OUTPUT_PIXELS} is refused without running
 * anything; the session uses one CPU thread; and a run still going after the timeout is terminated
 * (a graph with a long Loop could otherwise hold a gateway thread for ever).
 */
public final class ModelProbe {
    /** Super-resolution factors a model may declare. */
    public static final List<Integer> SR_SCALES = List.of(2, 3, 4, 8);
    /** Side of the probe image for dynamic inputs. */
    public static final int PROBE_SIDE = 64;
    /**
     * Largest probe output, H·W·s² of a fixed-size model: 1024 x 1024, the worker's default
     * tile-above-pixels (a fixed-size model runs as tiles of that size, so this also bounds a tile).
     */
    public static final long MAX_PROBE_OUTPUT_PIXELS = 1024L * 1024L;
    /** How long the probe run may take; generous for a 1024 x 1024 style net on one busy core. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    /** Mid-grey: an input every image model must cope with. */
    static final float PROBE_LEVEL = 127.5f;

    private ModelProbe() {}

    /**
     * What the probe found.
     *
     * @param inputName   the input the model is fed by
     * @param outputShape the probe's output shape, [1,3,H·s,W·s]
     * @param fixedSize   the input's fixed [H, W], or null for any size
     */
    public record Report(String inputName, int probeHeight, int probeWidth, long[] outputShape, int[] fixedSize) {
        @Override
        public String toString() {
            return "input '" + inputName + "', probe " + probeWidth + "x" + probeHeight + " -> "
                    + Arrays.toString(outputShape) + (fixedSize == null ? " (dynamic size)"
                    : " (fixed input " + fixedSize[1] + "x" + fixedSize[0] + ")");
        }
    }

    /**
     * Checks {@code onnx} as a {@code task} model with output/input size ratio {@code scale}.
     *
     * @throws InvalidModelException naming the part at fault and what is allowed
     */
    public static Report probe(byte[] onnx, String task, int scale) {
        return probe(onnx, task, scale, PROBE_TIMEOUT);
    }

    /** {@link #probe(byte[], String, int)} with another limit on the probe run's time. */
    public static Report probe(byte[] onnx, String task, int scale, Duration timeout) {
        checkTaskAndScale(task, scale);
        if (onnx == null || onnx.length == 0) {
            throw new InvalidModelException("file", "empty; expected an ONNX model");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread: an import must not take the gateway's cores from the requests it serves.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // The optimisation level the worker uses, so that what loads here loads there.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // What goes wrong is in the refusal's message; ONNX Runtime's own log lines about an
            // uploaded file would only be noise in the service's log.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            try (OrtSession session = env.createSession(onnx, options)) {
                ModelSignature signature = ModelSignature.read(session);
                return run(env, session, signature, scale, timeout);
            }
        } catch (OrtException e) {
            throw new InvalidModelException("file", "ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The task/scale pair alone: stylize at 1, super-resolve at one of {@link #SR_SCALES}. */
    public static void checkTaskAndScale(String task, int scale) {
        if (InferJobRequested.TASK_STYLIZE.equals(task)) {
            if (scale != 1) {
                throw new InvalidModelException("scale", "a stylize model keeps the image size, so scale must be 1, "
                        + "was " + scale);
            }
        } else if (InferJobRequested.TASK_SUPER_RESOLVE.equals(task)) {
            if (!SR_SCALES.contains(scale)) {
                throw new InvalidModelException("scale", "a super-resolve model's scale must be one of " + SR_SCALES
                        + ", was " + scale);
            }
        } else {
            throw new InvalidModelException("task", "must be " + InferJobRequested.TASK_STYLIZE + " or "
                    + InferJobRequested.TASK_SUPER_RESOLVE + ", was '" + task + "'");
        }
    }

    private static Report run(OrtEnvironment env, OrtSession session, ModelSignature signature, int scale,
            Duration timeout) throws OrtException {
        int[] fixed = signature.fixedSize();
        int h = fixed == null ? PROBE_SIDE : fixed[0];
        int w = fixed == null ? PROBE_SIDE : fixed[1];
        long outputPixels = (long) h * w * scale * scale;
        if (outputPixels > MAX_PROBE_OUTPUT_PIXELS) {
            throw new InvalidModelException("input", "'" + signature.inputName() + "' is fixed at " + w + "x" + h
                    + ", which at scale " + scale + " gives " + outputPixels + " output pixels per run; at most "
                    + MAX_PROBE_OUTPUT_PIXELS + " (1024 x 1024) are allowed; export the model with dynamic or "
                    + "smaller height and width");
        }
        float[] grey = new float[3 * h * w];
        Arrays.fill(grey, PROBE_LEVEL);
        long[] inShape = {1, 3, h, w};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(grey), inShape);
                OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            Terminator terminator = new Terminator(runOptions, timeout);
            try (OrtSession.Result result = session.run(Map.of(signature.inputName(), input), runOptions)) {
                return check(result.get(0), signature, h, w, scale, fixed);
            } catch (OrtException e) {
                if (terminator.fired()) {
                    throw new InvalidModelException("file", "the probe run on a " + w + "x" + h + " image did not "
                            + "finish within " + seconds(timeout) + "; allowed: a network that transforms one "
                            + "image in well under that", e);
                }
                throw new InvalidModelException("file", "ONNX Runtime loads the model but cannot run it on a "
                        + Arrays.toString(inShape) + " image: " + e.getMessage(), e);
            } finally {
                // Before the run options close: the timer must never touch closed native options.
                terminator.disarm();
            }
        }
    }

    private static Report check(OnnxValue value, ModelSignature signature, int h, int w, int scale, int[] fixed)
            throws OrtException {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException("output", "'" + signature.outputName() + "' must be a float32 tensor, is "
                    + value.getInfo());
        }
        long[] shape = tensor.getInfo().getShape();
        long[] expected = {1, 3, (long) h * scale, (long) w * scale};
        if (!Arrays.equals(shape, expected)) {
            throw wrongShape(shape, expected, h, w, scale);
        }
        FloatBuffer values = tensor.getFloatBuffer();
        while (values.hasRemaining()) {
            float v = values.get();
            if (!Float.isFinite(v)) {
                throw new InvalidModelException("output", "the probe run on a mid-grey " + w + "x" + h + " image "
                        + "produced " + v + "; values must be finite (in [0,255])");
            }
        }
        return new Report(signature.inputName(), h, w, shape, fixed);
    }

    /** "scale" when the file is consistent with another scale (the form says the wrong one), else "output". */
    private static InvalidModelException wrongShape(long[] shape, long[] expected, int h, int w, int scale) {
        if (shape.length == 4 && shape[0] == 1 && shape[1] == 3 && shape[2] % h == 0 && shape[3] % w == 0
                && shape[2] / h == shape[3] / w && shape[2] > 0) {
            long actual = shape[2] / h;
            return new InvalidModelException("scale", "the model's output for a " + w + "x" + h + " probe is "
                    + Arrays.toString(shape) + ", an upscaling by " + actual + ", but scale " + scale + " expects "
                    + Arrays.toString(expected) + (actual == 1 ? "; import it as a stylize model"
                    : SR_SCALES.contains((int) actual) ? "; import it as super-resolve with scale " + actual : ""));
        }
        return new InvalidModelException("output", "for a [1, 3, " + h + ", " + w + "] probe the output must be "
                + Arrays.toString(expected) + " (NCHW, RGB, scale " + scale + "), was " + Arrays.toString(shape));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** Sets the run's terminate flag if it outlives the timeout; never touches closed run options. */
    private static final class Terminator {
        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-probe-timeout");
            t.setDaemon(true);
            return t;
        });

        private final OrtSession.RunOptions options;
        private final ScheduledFuture<?> task;
        private boolean armed = true;
        private boolean fired;

        Terminator(OrtSession.RunOptions options, Duration timeout) {
            this.options = options;
            this.task = TIMER.schedule(this::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void fire() {
            if (armed) {
                try {
                    options.setTerminate(true);
                    fired = true;
                } catch (OrtException e) {
                    // The run ends on its own then; nothing else can stop it.
                }
            }
        }

        /** From now on the timer leaves the run options alone. */
        synchronized void disarm() {
            armed = false;
            task.cancel(false);
        }

        synchronized boolean fired() {
            return fired;
        }
    }
}
