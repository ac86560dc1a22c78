package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.ModelRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Groups concurrent runs of the same model on the same input size into one session run (issue 7,
 * section 5). The first caller for a (session, h, w) becomes the batch's leader: it waits up to the
 * window for company (or until the batch is full), then runs everyone's images as one [n,3,h,w]
 * tensor and hands each caller its slice of the output. Later callers just wait for their slice.
 * A failure of the run fails every caller of that batch with the same exception.
 *
 * <p>A leader waits only while company is possible: when jobs register with {@link #job()} (the
 * worker's pipeline does, for each job's whole run), a batch that already holds as many callers as there
 * are jobs under way runs at once, so a job alone on the worker never pays the window (once per tile).
 * Callers that do not register (tests, benchmarks) always wait the window.
 *
 * <p>Why this helps on a CPU: one convolution over n images reuses each weight n times while it is in
 * cache, and ONNX Runtime's per-run overhead (thread-pool wake-up, allocation planning) is paid once.
 */
public final class MicroBatcher {
    private final long windowNanos;
    private final int maxBatch;
    private final InferMetrics metrics;
    private final Map<Key, Batch> open = new HashMap<>();
    /** Jobs registered through {@link #job()} and not yet done; guarded by {@code this}. */
    private int jobs;

    /** A job under way, for as long as it may still call {@link #run}; close it when the job is done. */
    public final class Job implements AutoCloseable {
        private boolean closed;

        private Job() {}

        @Override
        public void close() {
            synchronized (MicroBatcher.this) {
                if (!closed) {
                    closed = true;
                    jobs--;
                    // A waiting leader may now have all the company it can get.
                    MicroBatcher.this.notifyAll();
                }
            }
        }
    }

    /** Registers a job that may call {@link #run}; see the class comment. */
    public synchronized Job job() {
        jobs++;
        return new Job();
    }

    /** Whether a leader should stop waiting: every registered job is already in its batch. */
    private boolean noMoreCompany(Batch batch) {
        return jobs > 0 && batch.inputs.size() >= jobs;
    }

    public MicroBatcher(java.time.Duration window, int maxBatch, InferMetrics metrics) {
        this.windowNanos = window.toNanos();
        this.maxBatch = maxBatch;
        this.metrics = metrics;
    }

    private record Key(LoadedModel model, int h, int w) {}

    private static final class Batch {
        final List<float[]> inputs = new ArrayList<>();
        final List<CompletableFuture<float[]>> results = new ArrayList<>();
        boolean closed;
    }

    /** A runner for this model that batches with other callers of the same model and size. */
    public ModelRunner runner(LoadedModel model) {
        return (nchw, h, w) -> run(model, nchw, h, w);
    }

    public float[] run(LoadedModel model, float[] nchw, int h, int w) {
        // A model whose file fixes N at 1 (torch.onnx.export's default) cannot take a batch.
        if (windowNanos == 0 || maxBatch == 1 || !model.batchable()) {
            return runNow(model, List.of(nchw), h, w).get(0);
        }
        Key key = new Key(model, h, w);
        Batch batch;
        CompletableFuture<float[]> mine = new CompletableFuture<>();
        boolean leader;
        synchronized (this) {
            batch = open.get(key);
            leader = batch == null;
            if (leader) {
                batch = new Batch();
                open.put(key, batch);
            }
            batch.inputs.add(nchw);
            batch.results.add(mine);
            if (batch.inputs.size() >= maxBatch) {
                batch.closed = true;
                open.remove(key);
            }
            if (!leader) {
                // The leader re-checks: the batch may be full, or hold every job under way.
                notifyAll();
            }
        }
        if (leader) {
            lead(key, batch, h, w);
        }
        try {
            return mine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batched inference", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void lead(Key key, Batch batch, int h, int w) {
        long deadline = System.nanoTime() + windowNanos;
        List<float[]> inputs;
        List<CompletableFuture<float[]>> results;
        synchronized (this) {
            long left;
            while (!batch.closed && !noMoreCompany(batch) && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!batch.closed) {
                batch.closed = true;
                open.remove(key, batch);
            }
            inputs = List.copyOf(batch.inputs);
            results = List.copyOf(batch.results);
        }
        try {
            List<float[]> outs = runNow(key.model(), inputs, h, w);
            for (int i = 0; i < outs.size(); i++) {
                results.get(i).complete(outs.get(i));
            }
        } catch (RuntimeException | Error e) {
            results.forEach(f -> f.completeExceptionally(e));
        }
    }

    private List<float[]> runNow(LoadedModel model, List<float[]> inputs, int h, int w) {
        int n = inputs.size();
        int each = 3 * h * w;
        float[] in;
        if (n == 1) {
            in = inputs.get(0);
        } else {
            in = new float[n * each];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(i), 0, in, i * each, each);
            }
        }
        long t0 = System.nanoTime();
        float[] out = model.run(in, n, h, w).values();
        metrics.inference(model.manifest().modelId(), n, System.nanoTime() - t0);
        if (n == 1) {
            return List.of(out);
        }
        int outEach = out.length / n;
        List<float[]> split = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] o = new float[outEach];
            System.arraycopy(out, i * outEach, o, 0, outEach);
            split.add(o);
        }
        return split;
    }
}
