package dev.stylefleet.train;

import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.Resampling;
import dev.stylefleet.train.data.TrainingBatch;
import dev.stylefleet.train.data.TrainingDataLoader;
import dev.stylefleet.train.export.OnnxExporter;
import dev.stylefleet.train.loss.PerceptualLoss;
import dev.stylefleet.train.loss.StyleTargets;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TransformerNet;
import dev.stylefleet.train.net.TransformerSession;
import dev.stylefleet.train.vgg.Vgg16Features;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Trains one transform network for a {@link TrainingPlan}: the network
 * ({@link TransformerNet}), the objective ({@link PerceptualLoss}: style, feature-loss or
 * pixel-loss super-resolution) and Adam with the plan's learning rate, in one TensorFlow graph and
 * session. Plain Java: the worker adds Kafka, S3 and events around it.
 *
 * <p>Graph (NHWC, RGB in [0, 255]):
 * <pre>
 *   input  [N, S/f, S/f, 3]  content crops (style, f = 1) or low-resolution patches (SR, f = 4 or 8)
 *   target [N, S, S, 3]      high-resolution patches (SR only; style compares with the input)
 *   net(input, training)  -> y [N, S, S, 3]  -> losses (Johnson et al. 2016, Eq. 1; section 4 / 5)
 *   net(input, inference) -> previews and exports share the same variables (moving BN statistics)
 * </pre>
 * Style targets (Gram matrices of the style image, resized so its longer side is the plan's style
 * size) are computed once and enter the graph as constants.
 *
 * <p>{@link #train} runs steps until the plan's iteration count or until {@link #requestStop()}; the
 * flag is read before every step, so a stop takes effect within one step. Checkpoints hold every
 * variable of the graph, Adam's moments and step counters included, so a restored trainer continues
 * the same optimisation.
 */
public final class Trainer implements AutoCloseable {
    private final TrainingPlan plan;
    private final Graph graph;
    private final Session session;
    private final TransformerNet net;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TFloat32> target;
    /** Fed with {@link TrainingPlan#learningRateAt} every step when the plan decays the rate; else null. */
    private final Placeholder<TFloat32> learningRate;
    private final TransformerNet.Forward inference;
    private final List<String> lossNames = new ArrayList<>();
    private final List<Operand<TFloat32>> lossOps = new ArrayList<>();
    private final Op trainStep;
    private final List<CheckpointMetadata.LossPoint> history = new ArrayList<>();
    private volatile boolean stopRequested;
    private long step;

    /** Called after every step, on the training thread. */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(StepLosses losses);
    }

    /** How {@link #train} ended. */
    public enum Outcome { COMPLETED, STOPPED }

    private Trainer(TrainingPlan plan, Vgg16Weights vgg, RgbImage styleImage, int threads) {
        this.plan = plan;
        ConfigProto config = TransformerSession.sessionConfig(threads, plan.netOptions());
        StyleTargets styleTargets = null;
        if (plan.task() == TrainingPlan.Task.STYLE) {
            if (styleImage == null) {
                throw new IllegalArgumentException("a style job needs a style image");
            }
            RgbImage s = resizeLongerSide(styleImage, plan.styleSize());
            styleTargets = StyleTargets.compute(vgg, s.rgb(), s.height(), s.width(), config);
        }
        graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            net = TransformerNet.create(graph, plan.arch(), plan.netOptions(), plan.seed());
            input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            TransformerNet.Forward training = net.forward(input, true);
            inference = net.forward(input, false);
            Ops lossScope = tf.withSubScope("loss");
            PerceptualLoss<TFloat32> loss;
            if (plan.task() == TrainingPlan.Task.STYLE) {
                loss = PerceptualLoss.style(lossScope, Vgg16Features.create(tf, vgg, TFloat32.class), plan.weights(),
                        training.output(), input, styleTargets);
            } else if (plan.srLoss() == TrainingPlan.SrLoss.FEATURE) {
                loss = PerceptualLoss.featureReconstruction(lossScope, Vgg16Features.create(tf, vgg, TFloat32.class),
                        plan.weights(), training.output(), target);
            } else {
                loss = PerceptualLoss.pixel(lossScope, plan.weights(), training.output(), target);
            }
            loss.terms().forEach((name, op) -> {
                lossNames.add(name);
                lossOps.add(op);
            });
            lossNames.add(StepLosses.TOTAL);
            lossOps.add(loss.total());
            if (plan.lrDecay() == TrainingPlan.LrDecay.NONE) {
                learningRate = null;
                trainStep = net.trainStep(new Adam(graph, (float) plan.learningRate()), loss.total(), training);
            } else {
                learningRate = tf.withName("learning_rate").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.scalar()));
                trainStep = net.trainStep(new ScheduledAdam(graph, learningRate), loss.total(), training);
            }
            session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * Builds the training graph.
     *
     * @param vgg        the loss network's weights; may be null for pixel-loss super-resolution
     * @param styleImage the style image (style jobs), any size: it is resized to the plan's style size
     * @param threads    TensorFlow intra- and inter-op threads; 0 = all cores
     */
    public static Trainer create(TrainingPlan plan, Vgg16Weights vgg, RgbImage styleImage, int threads) {
        if (plan.needsLossNetwork() && vgg == null) {
            throw new IllegalArgumentException("this plan needs the VGG-16 loss network weights");
        }
        return new Trainer(plan, vgg, styleImage, threads);
    }

    static RgbImage resizeLongerSide(RgbImage image, int side) {
        int longer = Math.max(image.width(), image.height());
        if (longer == side) {
            return image;
        }
        double f = (double) side / longer;
        return Resampling.bicubic(image, Math.max(1, (int) Math.round(image.width() * f)),
                Math.max(1, (int) Math.round(image.height() * f)));
    }

    /** One optimisation step on {@code batch}; returns the batch's losses (before the update). */
    public StepLosses step(TrainingBatch batch) {
        Session.Runner runner = session.runner();
        try (TFloat32 in = batch.input().toTensor();
                TFloat32 tgt = plan.task() == TrainingPlan.Task.STYLE ? null : batch.target().toTensor()) {
            runner.feed(input, in);
            if (tgt != null) {
                runner.feed(target, tgt);
            }
            TFloat32 rate = learningRate == null ? null : TFloat32.scalarOf((float) plan.learningRateAt(step));
            if (rate != null) {
                runner.feed(learningRate, rate);
            }
            runner.addTarget(trainStep);
            lossOps.forEach(runner::fetch);
            Map<String, Double> losses = new LinkedHashMap<>();
            try (Result r = runner.run()) {
                for (int i = 0; i < lossNames.size(); i++) {
                    losses.put(lossNames.get(i), (double) ((TFloat32) r.get(i)).getFloat());
                }
            } finally {
                if (rate != null) {
                    rate.close();
                }
            }
            step++;
            if (step == 1 || step % plan.progressEvery() == 0 || step == plan.iterations()) {
                history.add(new CheckpointMetadata.LossPoint(step, losses));
            }
            return new StepLosses(step, losses);
        }
    }

    /**
     * Runs steps on batches from {@code loader} until the plan's iteration count is reached, or a
     * stop was requested (checked before each step).
     */
    public Outcome train(TrainingDataLoader loader, StepListener listener) {
        while (step < plan.iterations()) {
            if (stopRequested) {
                return Outcome.STOPPED;
            }
            TrainingBatch batch = loader.next();
            if (stopRequested) {
                return Outcome.STOPPED;
            }
            StepLosses losses = step(batch);
            listener.afterStep(losses);
        }
        return Outcome.COMPLETED;
    }

    /** Asks {@link #train} to return before its next step. Any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Steps taken (restored checkpoints included). */
    public long stepsDone() {
        return step;
    }

    public TrainingPlan plan() {
        return plan;
    }

    public List<CheckpointMetadata.LossPoint> lossHistory() {
        return List.copyOf(history);
    }

    /** The inference forward (moving statistics) on an NHWC batch [N, H, W, 3] in [0, 255]. */
    public FloatTensor infer(FloatTensor nhwc) {
        try (TFloat32 in = nhwc.toTensor(); Result r = session.runner().feed(input, in).fetch(inference.output()).run()) {
            return FloatTensor.of((TFloat32) r.get(0));
        }
    }

    /** Metadata describing the current state, for checkpoints and exports. */
    public CheckpointMetadata metadata(Map<String, Object> trainingSpec) {
        return CheckpointMetadata.of(plan.arch(), plan.netOptions(), plan.seed(), step, history, trainingSpec);
    }

    /** Writes a checkpoint directory (TensorFlow checkpoint of every variable + checkpoint.json). */
    public void saveCheckpoint(Path dir, Map<String, Object> trainingSpec) {
        Checkpoint.write(session, net, dir, metadata(trainingSpec));
    }

    /**
     * Restores a checkpoint written by a trainer of the same plan's network; the step count and loss
     * history continue from it.
     */
    public CheckpointMetadata restoreCheckpoint(Path dir) {
        CheckpointMetadata m = Checkpoint.readMetadata(dir);
        if (!m.architecture().equals(plan.arch().canonical()) || !m.netOptions().equals(plan.netOptions())) {
            throw new IllegalArgumentException("checkpoint " + dir + " holds " + m.architecture() + " "
                    + m.netOptions().describe() + ", this job trains " + plan.arch().canonical() + " "
                    + plan.netOptions().describe());
        }
        Checkpoint.restore(session, dir);
        step = m.step();
        history.clear();
        history.addAll(m.lossHistory());
        return m;
    }

    /** Every network variable's current value, by op name (for the ONNX export). */
    public Map<String, FloatTensor> readVariables() {
        Session.Runner runner = session.runner();
        List<String> names = new ArrayList<>(net.variables().keySet());
        for (String name : names) {
            Variable<TFloat32> v = net.variables().get(name);
            runner.fetch(v);
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), FloatTensor.of((TFloat32) r.get(i)));
            }
        }
        return out;
    }

    /** The network as an ONNX model (the registry's interface), with the metadata of the current state. */
    public byte[] exportOnnx(Map<String, Object> trainingSpec) {
        return OnnxExporter.export(plan.arch(), plan.netOptions(), readVariables(),
                OnnxExporter.metadata(metadata(trainingSpec)));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
