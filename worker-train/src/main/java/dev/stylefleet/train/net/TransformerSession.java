package dev.stylefleet.train.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * A transform network ready for inference in its own graph and session: an NHWC input
 * placeholder {@code image} [N, H, W, 3] in [0, 255], the inference forward pass (batch norm with
 * moving statistics), and access to the variables (read them for export and checkpoints, write
 * them in tests). Closing it frees the native graph and session.
 */
public final class TransformerSession implements AutoCloseable {
    public static final String INPUT = "image";

    private final Graph graph;
    private final TransformerNet net;
    private final Placeholder<TFloat32> input;
    private final TransformerNet.Forward forward;
    private final Session session;
    private final Ops tf;
    private final Map<String, Placeholder<TFloat32>> assignInputs = new LinkedHashMap<>();
    private final Map<String, org.tensorflow.op.core.Assign<TFloat32>> assigns = new LinkedHashMap<>();

    private TransformerSession(ArchSpec arch, NetOptions options, long seed, int threads) {
        graph = new Graph();
        try {
            tf = Ops.create(graph);
            net = TransformerNet.create(graph, arch, options, seed);
            input = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            forward = net.forward(input, false);
            session = new Session(graph, sessionConfig(threads, options));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** A network with fresh variables (initialised on first use from {@code seed}). */
    public static TransformerSession create(ArchSpec arch, NetOptions options, long seed, int threads) {
        return new TransformerSession(arch, options, seed, threads);
    }

    /**
     * Session configuration: {@code threads} for both intra-op (inside a convolution) and inter-op
     * (independent ops) pools; 0 lets TensorFlow use every core.
     */
    public static ConfigProto sessionConfig(int threads) {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
    }

    /**
     * {@link #sessionConfig(int)} for a net with {@code options}. Batch norm on the output layer right
     * before a tanh makes Grappler's remapper fuse FusedBatchNorm+Tanh, which TensorFlow 2.18's CPU
     * kernels cannot run ("Fusion is not implemented: [FusedBatchNorm,Tanh]"); only that case turns
     * the remapper off, since its other fusions (conv + bias + ReLU) speed every other net up.
     */
    public static ConfigProto sessionConfig(int threads, NetOptions options) {
        ConfigProto base = sessionConfig(threads);
        boolean fusesBadly = options.norm() == NetOptions.Norm.BATCH && options.outputNorm()
                && options.output() != NetOptions.Output.LINEAR;
        if (!fusesBadly) {
            return base;
        }
        return base.toBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
                RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF))).build();
    }

    /** Runs the inference forward pass on an NHWC batch [N, H, W, 3] in [0, 255]. */
    public FloatTensor run(FloatTensor imageNhwc) {
        checkInput(imageNhwc);
        try (TFloat32 in = imageNhwc.toTensor();
                Result r = session.runner().feed(input, in).fetch(forward.output()).run()) {
            return FloatTensor.of((TFloat32) r.get(0));
        }
    }

    /** Runs the forward pass and returns every layer's output (NHWC), by layer name. */
    public Map<String, FloatTensor> activations(FloatTensor imageNhwc) {
        checkInput(imageNhwc);
        Session.Runner runner = session.runner();
        try (TFloat32 in = imageNhwc.toTensor()) {
            runner.feed(input, in);
            for (TransformerNet.Activation a : forward.activations()) {
                runner.fetch(a.value());
            }
            try (Result r = runner.run()) {
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (int i = 0; i < forward.activations().size(); i++) {
                    out.put(forward.activations().get(i).layer(), FloatTensor.of((TFloat32) r.get(i)));
                }
                return out;
            }
        }
    }

    private void checkInput(FloatTensor image) {
        long[] s = image.shape();
        int min = net.arch().minInputSide(net.options());
        if (s.length != 4 || s[3] != 3 || s[0] < 1) {
            throw new IllegalArgumentException("image must be NHWC [N, H, W, 3], got " + java.util.Arrays.toString(s));
        }
        if (s[1] < min || s[2] < min) {
            throw new IllegalArgumentException("image height and width must be at least " + min + " for "
                    + net.arch().name() + " with " + net.options().describe() + ", got " + s[1] + "x" + s[2]);
        }
    }

    /** Every variable's current value, by op name, in creation order. */
    public Map<String, FloatTensor> readVariables() {
        Session.Runner runner = session.runner();
        List<String> names = new ArrayList<>(net.variables().keySet());
        for (String name : names) {
            runner.fetch(net.variables().get(name));
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), FloatTensor.of((TFloat32) r.get(i)));
            }
        }
        return out;
    }

    /** Overwrites one variable (tests, imports); the shape must match. */
    public void writeVariable(String name, FloatTensor value) {
        Variable<TFloat32> v = net.variables().get(name);
        if (v == null) {
            throw new IllegalArgumentException("no variable " + name);
        }
        if (!v.shape().equals(Shape.of(value.shape()))) {
            throw new IllegalArgumentException("variable " + name + " has shape " + v.shape() + ", value has "
                    + Shape.of(value.shape()));
        }
        // One placeholder-fed assign per variable, created on first use: the values never become
        // graph constants.
        Placeholder<TFloat32> p = assignInputs.computeIfAbsent(name, n ->
                tf.withSubScope("write").placeholder(TFloat32.class, Placeholder.shape(v.shape())));
        org.tensorflow.op.core.Assign<TFloat32> assign = assigns.computeIfAbsent(name, n ->
                tf.withSubScope("write").assign(v, p));
        try (TFloat32 t = value.toTensor()) {
            session.runner().feed(p, t).addTarget(assign).run();
        }
    }

    /** Writes all variables to a TensorFlow checkpoint with this prefix (files prefix.index, prefix.data-*). */
    public void saveVariables(Path prefix) {
        session.save(prefix.toString());
    }

    /** Restores all variables from a checkpoint prefix; counts as initialisation. */
    public void restoreVariables(Path prefix) {
        session.restore(prefix.toString());
    }

    public TransformerNet net() {
        return net;
    }

    public Session session() {
        return session;
    }

    public Operand<TFloat32> input() {
        return input;
    }

    public Operand<TFloat32> output() {
        return forward.output();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

}
