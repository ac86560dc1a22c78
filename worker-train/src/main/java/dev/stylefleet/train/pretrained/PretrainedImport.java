package dev.stylefleet.train.pretrained;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.export.OnnxExporter;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a pretrained fast-style-transfer checkpoint into a stylefleet model: the values go into
 * the variables of an ordinary {@code TransformerNet} ({@link FastStyleTransferNet#ARCH} with
 * {@link FastStyleTransferNet#OPTIONS}), which is then written as a stylefleet checkpoint
 * ({@code checkpoint/}: TensorFlow variables + {@code checkpoint.json}) and exported to ONNX
 * ({@code model.onnx}) by the same code as any trained net. Nothing bypasses the network code, so
 * the imported net can also be fine-tuned by a training job.
 *
 * <pre>
 *   OUT/checkpoint/checkpoint.json, variables.index, variables.data-00000-of-00001
 *   OUT/model.onnx   input 'image' NCHW float32 [N,3,H,W] RGB 0..255, output the same shape, 0..255
 * </pre>
 */
public final class PretrainedImport {
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String MODEL_FILE = "model.onnx";

    private PretrainedImport() {}

    /**
     * @param checkpointDir the stylefleet checkpoint written
     * @param model         the ONNX file written
     * @param onnx          its bytes
     * @param parityMaxAbs  TensorFlow forward versus ONNX Runtime on a generated image, 0..255
     */
    public record Result(Path checkpointDir, Path model, byte[] onnx, CheckpointMetadata metadata,
            PretrainedCheckpoint.Dtype storedDtype, double parityMaxAbs) {}

    /** Reads and validates a checkpoint in the shared format against the layer table. */
    public static PretrainedCheckpoint read(CheckpointSource source) {
        return PretrainedCheckpoint.read(source, FastStyleTransferNet.layerTable());
    }

    /**
     * A {@code TransformerNet} session holding the pretrained values. Every variable of the net must
     * be covered by exactly one pretrained variable: a net variable left at its random initial
     * value would make a silently wrong model.
     */
    public static TransformerSession load(PretrainedCheckpoint checkpoint, int threads) {
        TransformerSession s = TransformerSession.create(FastStyleTransferNet.ARCH, FastStyleTransferNet.OPTIONS, 0,
                threads);
        try {
            Set<String> uncovered = new LinkedHashSet<>(s.net().variables().keySet());
            for (FastStyleTransferNet.Mapping m : FastStyleTransferNet.mappings()) {
                if (!uncovered.remove(m.target())) {
                    throw new IllegalStateException("TransformerNet " + FastStyleTransferNet.ARCH.name() + " with "
                            + FastStyleTransferNet.OPTIONS.describe() + " has no variable " + m.target() + " for "
                            + m.source());
                }
                s.writeVariable(m.target(), checkpoint.variable(m.source()));
            }
            if (!uncovered.isEmpty()) {
                throw new IllegalStateException("the pretrained checkpoint has no values for " + uncovered);
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Converts {@code checkpoint} into {@code out} (checkpoint directory and ONNX model) and checks
     * the export against the TensorFlow forward on a generated image.
     *
     * @param provenance recorded in {@code checkpoint.json}'s training spec and the ONNX metadata,
     *                   for example the source, the model id, the licence
     * @param float16Weights store the net's kernels as float16: rank >= 2 values rounded to half
     *                       precision first (a float16 source is unchanged), so that the checkpoint
     *                       and the ONNX model, whose kernels are then stored as float16 and widened
     *                       by a Cast (it computes in float32), hold the same net; about half the
     *                       size. 1-D variables (biases, norm scale and shift) are neither rounded
     *                       nor stored as half: rounding them moved the wave built-in's output by up
     *                       to 11.5 levels of 0..255 ({@link dev.stylefleet.platform.onnx.Float16#storedAsHalf})
     */
    public static Result convert(PretrainedCheckpoint checkpoint, Path out, Map<String, Object> provenance,
            int threads, boolean float16Weights) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "import");
        spec.put("format", FastStyleTransferNet.FORMAT);
        spec.put("storedDtype", checkpoint.storedDtype().wire());
        if (float16Weights && checkpoint.storedDtype() != PretrainedCheckpoint.Dtype.FLOAT16) {
            checkpoint = checkpoint.roundedToFloat16();
            spec.put("roundedTo", "float16");
        }
        provenance.forEach((k, v) -> {
            if (v != null) {
                spec.put(k, v);
            }
        });
        Path checkpointDir = out.resolve(CHECKPOINT_DIR);
        CheckpointMetadata metadata = CheckpointMetadata.of(FastStyleTransferNet.ARCH, FastStyleTransferNet.OPTIONS,
                0, 0, List.of(), spec);
        try (TransformerSession s = load(checkpoint, threads)) {
            Files.createDirectories(checkpointDir);
            Checkpoint.write(s, checkpointDir, metadata);
            byte[] onnx = export(checkpointDir, float16Weights);
            Path model = out.resolve(MODEL_FILE);
            Files.write(model, onnx);
            double parity = parity(s, onnx, selfCheckImage(), threads);
            return new Result(checkpointDir, model, onnx, Checkpoint.readMetadata(checkpointDir),
                    checkpoint.storedDtype(), parity);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out, e);
        }
    }

    private static byte[] export(Path checkpointDir, boolean float16Weights) {
        return OnnxExporter.exportCheckpoint(checkpointDir,
                float16Weights ? OnnxExporter.WeightStorage.FLOAT16 : OnnxExporter.WeightStorage.FLOAT32);
    }

    /**
     * Max |TensorFlow - ONNX Runtime| on {@code imageNhwc} (0..255 scale): the export must compute
     * the same function as the net it came from.
     */
    public static double parity(TransformerSession s, byte[] onnx, FloatTensor imageNhwc, int threads) {
        FloatTensor expected = s.run(imageNhwc);
        FloatTensor actual = runOnnx(onnx, imageNhwc.nhwcToNchw(), threads).nchwToNhwc();
        return actual.maxAbsDiff(expected);
    }

    /** Runs an exported model (NCHW in and out) with ONNX Runtime on the CPU. */
    public static FloatTensor runOnnx(byte[] onnx, FloatTensor nchw, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options);
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw.values()), nchw.shape());
                    OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, in))) {
                OnnxTensor t = (OnnxTensor) r.get(OnnxExporter.OUTPUT).orElseThrow();
                FloatBuffer fb = t.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return new FloatTensor(t.getInfo().getShape(), v);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the export: " + e.getMessage(), e);
        }
    }

    /** An odd-sized smooth-plus-noise image (the odd size exercises SAME padding and the pad/crop). */
    static FloatTensor selfCheckImage() {
        int h = 45;
        int w = 51;
        float[] v = new float[h * w * 3];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(12);
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double base = 127.5 + 100 * Math.sin((x + 1.3 * y) * (0.07 + 0.03 * c));
                    v[i++] = (float) Math.max(0, Math.min(255, base + rnd.nextDouble(-25, 25)));
                }
            }
        }
        return new FloatTensor(new long[] {1, h, w, 3}, v);
    }
}
