package dev.stylefleet.train.job;

import dev.stylefleet.runtime.JobAbandoned;
import dev.stylefleet.train.checkpoint.CheckpointStore;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.ModelManifest;
import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.train.StepLosses;
import dev.stylefleet.train.Trainer;
import dev.stylefleet.train.TrainingPlan;
import dev.stylefleet.train.data.DatasetUnusableException;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.TrainingDataLoader;
import dev.stylefleet.train.vgg.LossNetworkUnavailableException;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Runs one training job to its terminal event: plan, style image, loss network, dataset copy,
 * restore of the latest checkpoint, the training loop with checkpoints, previews and progress, then
 * the ONNX export into the registry. Runs on a job thread of the worker runtime, which keeps polling
 * Kafka meanwhile; {@link TrainJobHandler} relays cancels and stops through {@link #requestStop}.
 *
 * <p>Effects are idempotent per job id: checkpoints and previews live under the job id, a rerun
 * resumes from the latest checkpoint, and a job whose model the registry already has (published by
 * an earlier run that died before committing) succeeds again without training.
 */
final class TrainJobRunner {
    private static final System.Logger LOG = System.getLogger(TrainJobRunner.class.getName());
    /** Error messages are for people; bounded so an event never nears the broker's size limit. */
    static final int MAX_ERROR_MESSAGE_CHARS = 2000;

    /** Why the job should stop early; a later, stronger request overrides a weaker one. */
    enum StopKind {
        /** Graceful worker stop: checkpoint, no terminal event, no commit: another worker resumes. */
        SUSPEND,
        /** The user cancelled: end CANCELLED. */
        CANCEL,
        /** Simulated crash: stop at the next step boundary, write nothing more. */
        HALT
    }

    private final TrainJobRequested job;
    private final TrainWorkerConfig.Train settings;
    private final String workerId;
    private final int threads;
    private final ObjectStore store;
    private final ModelRegistry registry;
    private final CheckpointStore checkpoints;
    private final Supplier<Vgg16Weights> lossNetwork;
    private final Consumer<JobEvent> progressEvents;
    private final TrainJobListener listener;
    private volatile StopKind stop;
    private volatile Trainer trainer;
    private volatile long stepsDone;

    TrainJobRunner(TrainJobRequested job, TrainWorkerConfig config, String workerId, ObjectStore store, ModelRegistry registry,
            CheckpointStore checkpoints, Supplier<Vgg16Weights> lossNetwork, Consumer<JobEvent> progressEvents,
            TrainJobListener listener) {
        this.job = job;
        this.settings = config.train();
        this.workerId = workerId;
        this.threads = config.threads();
        this.store = store;
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.lossNetwork = lossNetwork;
        this.progressEvents = progressEvents;
        this.listener = listener;
    }

    String jobId() {
        return job.jobId();
    }

    long stepsDone() {
        return stepsDone;
    }

    /** Asks the job to stop before its next step. Any thread. */
    synchronized void requestStop(StopKind kind) {
        if (stop == null || kind.ordinal() > stop.ordinal()) {
            stop = kind;
        }
        Trainer t = trainer;
        if (t != null) {
            t.requestStop();
        }
    }

    /** The terminal event to publish; throws {@link JobAbandoned} when there must be none. */
    JobEvent run() {
        Path jobDir = settings.workDir().resolve(job.jobId() + "-" + workerId.replaceAll("[^A-Za-z0-9_.-]", "_"));
        try {
            return execute(jobDir);
        } catch (JobAbandoned e) {
            throw e;
        } catch (TrainJobFailure e) {
            return failed(e.code(), e.getMessage());
        } catch (LossNetworkUnavailableException e) {
            return failed(TrainErrorCode.LOSS_NETWORK_UNAVAILABLE, e.getMessage());
        } catch (DatasetUnusableException e) {
            return failed(TrainErrorCode.DATASET_UNUSABLE, e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "training job " + job.jobId() + " failed unexpectedly", e);
            return failed(TrainErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            Trainer t = trainer;
            if (t != null) {
                t.close();
            }
            deleteRecursively(jobDir);
        }
    }

    private JobEvent execute(Path jobDir) {
        TrainingPlan plan;
        try {
            plan = TrainingPlan.of(job);
        } catch (IllegalArgumentException e) {
            throw new TrainJobFailure(TrainErrorCode.INVALID_PARAMS, e.getMessage());
        }
        Optional<ModelManifest> published = publishedBefore();
        if (published.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "job {0}: model {1}/{2} was already published by an earlier run",
                    job.jobId(), job.modelId(), published.get().version());
            return succeeded(plan, plan.iterations());
        }
        JobEvent early = stopBeforeTraining(plan);
        if (early != null) {
            return early;
        }
        RgbImage style = plan.task() == TrainingPlan.Task.STYLE ? styleImage() : null;
        Vgg16Weights vgg = plan.needsLossNetwork() ? lossNetwork.get() : null;
        List<Path> files = DatasetFiles.download(store, Buckets.DATA, job.datasetPrefix(), jobDir.resolve("dataset"));
        early = stopBeforeTraining(plan);
        if (early != null) {
            return early;
        }

        Trainer t = Trainer.create(plan, vgg, style, threads);
        trainer = t;
        if (stop != null) {
            t.requestStop();
        }
        Optional<Long> latest = checkpoints.latestStep(job.jobId());
        if (latest.isPresent()) {
            Path dir = checkpoints.download(job.jobId(), latest.get(), jobDir.resolve("restore"));
            t.restoreCheckpoint(dir);
            LOG.log(System.Logger.Level.INFO, "job {0}: resumed from the checkpoint of step {1}", job.jobId(),
                    latest.get());
        }
        stepsDone = t.stepsDone();
        Loop loop = new Loop(plan, t, PreviewImages.content(files, plan), jobDir.resolve("checkpoints"),
                latest.orElse(-1L));
        progressEvents.accept(running(new JobEvent.Progress(t.stepsDone(), plan.iterations(), null, null, null,
                loop.previewKey)));
        Trainer.Outcome outcome;
        int skipped;
        try (TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(t.stepsDone()))) {
            outcome = t.train(loader, loop::afterStep);
            skipped = loader.skippedImages();
        }
        if (outcome == Trainer.Outcome.STOPPED) {
            StopKind kind = stop;
            if (kind == StopKind.SUSPEND && t.stepsDone() > loop.lastCheckpoint) {
                loop.checkpoint(t.stepsDone());
            }
            if (kind == StopKind.SUSPEND) {
                throw new JobAbandoned("suspended at step " + t.stepsDone() + " with the checkpoint of step "
                        + loop.lastCheckpoint + "; another worker resumes it from there");
            }
            if (kind != StopKind.CANCEL) {
                throw new JobAbandoned("worker halted at step " + t.stepsDone());
            }
            return cancelled(plan, t.stepsDone());
        }
        Map<String, Object> spec = trainingSpec(plan);
        spec.put("skippedImages", skipped);
        byte[] onnx = t.exportOnnx(spec);
        if (stop == StopKind.HALT) {
            throw new JobAbandoned("worker halted");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("norm", plan.netOptions().norm().wire());
        options.put("upsample", plan.netOptions().upsample().wire());
        options.put("padding", plan.netOptions().padding().wire());
        options.put("width", Double.toString(plan.netOptions().width()));
        options.put("netOptions", plan.netOptions().describe());
        options.put("steps", Long.toString(t.stepsDone()));
        options.put("skippedImages", Integer.toString(skipped));
        if (plan.task() == TrainingPlan.Task.SUPER_RESOLVE) {
            options.put("loss", plan.srLoss().wire());
        }
        // Versions are publication times in milliseconds: numeric, so the registry's "latest" is the newest.
        ModelManifest m = registry.publish(job.modelId(), Long.toString(System.currentTimeMillis()),
                plan.task().registryTask(), plan.scale(), plan.arch().canonical(), onnx, job.jobId(), job.tenant(),
                options);
        LOG.log(System.Logger.Level.INFO, "job {0}: published {1}/{2} ({3} bytes) after {4} steps, {5} images skipped",
                job.jobId(), m.modelId(), m.version(), m.sizeBytes(), t.stepsDone(), skipped);
        publishInt8(m, onnx, files);
        return succeeded(plan, t.stepsDone());
    }

    /**
     * The int8 variant of the model just published (stylefleet.train.int8.*), calibrated and gated on the
     * job's dataset; whether one was published and why is logged. Never fails the job.
     */
    private void publishInt8(ModelManifest m, byte[] onnx, List<Path> files) {
        TrainWorkerConfig.Int8 int8 = settings.int8();
        if (!int8.enabled()) {
            return;
        }
        long t0 = System.nanoTime();
        Int8VariantPublisher.Outcome o = new Int8VariantPublisher(OrtEnvironment.getEnvironment(),
                int8.calibrationImages(), int8.gateImages(), int8.size()).publish(registry, m, onnx, files);
        LOG.log(System.Logger.Level.INFO, "job {0}: {1} int8 variant of {2}/{3} ({4}) in {5} s", job.jobId(),
                o.published() ? "published the" : "no", m.modelId(), m.version(), o.detail(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    }

    /** The training loop's per-step work: the listener, checkpoints with previews, progress events. */
    private final class Loop {
        final TrainingPlan plan;
        final Trainer t;
        final RgbImage preview;
        final Path localDir;
        long lastCheckpoint;
        String previewKey;
        long lastReportStep;
        long lastReportNanos = System.nanoTime();

        Loop(TrainingPlan plan, Trainer t, RgbImage preview, Path localDir, long lastCheckpoint) {
            this.plan = plan;
            this.t = t;
            this.preview = preview;
            this.localDir = localDir;
            this.lastCheckpoint = lastCheckpoint;
            this.lastReportStep = t.stepsDone();
            if (lastCheckpoint >= 0 && store.exists(Buckets.DATA, ObjectKeys.preview(job.jobId(), lastCheckpoint))) {
                previewKey = ObjectKeys.preview(job.jobId(), lastCheckpoint);
            }
        }

        void afterStep(StepLosses losses) {
            long step = losses.step();
            stepsDone = step;
            listener.stepDone(job.jobId(), step);
            if (stop == StopKind.HALT) {
                return;
            }
            if (step % plan.checkpointEvery() == 0) {
                checkpoint(step);
            }
            if (step % plan.progressEvery() == 0 || step == plan.iterations()) {
                long now = System.nanoTime();
                double seconds = (now - lastReportNanos) / 1e9;
                Double rate = seconds > 0 ? (step - lastReportStep) / seconds : null;
                Double eta = rate != null && rate > 0 ? (plan.iterations() - step) / rate : null;
                lastReportNanos = now;
                lastReportStep = step;
                progressEvents.accept(running(new JobEvent.Progress(step, plan.iterations(), losses.losses(), rate,
                        eta, previewKey)));
            }
        }

        void checkpoint(long step) {
            String key = ObjectKeys.preview(job.jobId(), step);
            RgbImage out = RgbImage.fromNhwc(t.infer(preview.toNhwc()), 0);
            store.put(Buckets.DATA, key, PreviewImages.png(out), "image/png");
            Path dir = localDir.resolve("step-" + step);
            t.saveCheckpoint(dir, trainingSpec(plan));
            checkpoints.upload(dir, job.jobId(), step);
            deleteRecursively(dir);
            lastCheckpoint = step;
            previewKey = key;
            listener.checkpointUploaded(job.jobId(), step);
            checkpoints.prune(job.jobId(), settings.keepCheckpoints());
        }
    }

    /** Null to go on; a CANCELLED event for a cancel; throws JobAbandoned for a halt or stop. */
    private JobEvent stopBeforeTraining(TrainingPlan plan) {
        StopKind kind = stop;
        if (kind == null) {
            return null;
        }
        if (kind == StopKind.CANCEL) {
            return cancelled(plan, 0);
        }
        throw new JobAbandoned("stopped before training started");
    }

    private Optional<ModelManifest> publishedBefore() {
        List<String> versions = registry.versions(job.modelId());
        for (int i = versions.size() - 1; i >= 0; i--) {
            Optional<ModelManifest> m = registry.manifest(job.modelId(), versions.get(i));
            if (m.isPresent() && job.jobId().equals(m.get().sourceJob())) {
                return m;
            }
        }
        return Optional.empty();
    }

    private RgbImage styleImage() {
        String key = job.styleImageKey();
        if (key == null) {
            throw new TrainJobFailure(TrainErrorCode.INVALID_STYLE_IMAGE, "styleImageKey is required for a style job");
        }
        byte[] bytes = store.find(Buckets.DATA, key).orElseThrow(() -> new TrainJobFailure(
                TrainErrorCode.INVALID_STYLE_IMAGE, "styleImageKey '" + key + "' does not exist in bucket " + Buckets.DATA));
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new TrainJobFailure(TrainErrorCode.INVALID_STYLE_IMAGE, "styleImageKey '" + key
                        + "' is not a readable image (PNG, JPEG, BMP or GIF)");
            }
            return RgbImage.of(img);
        } catch (IOException e) {
            throw new TrainJobFailure(TrainErrorCode.INVALID_STYLE_IMAGE, "styleImageKey '" + key
                    + "' cannot be decoded: " + e.getMessage());
        }
    }

    private Map<String, Object> trainingSpec(TrainingPlan plan) {
        Map<String, Object> spec = new LinkedHashMap<>(plan.describe());
        spec.put("jobId", job.jobId());
        spec.put("tenant", job.tenant());
        spec.put("modelId", job.modelId());
        return spec;
    }

    private JobEvent running(JobEvent.Progress p) {
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.TRAIN, JobState.RUNNING, workerId).withProgress(p);
    }

    private JobEvent succeeded(TrainingPlan plan, long steps) {
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.TRAIN, JobState.SUCCEEDED, workerId)
                .withProgress(new JobEvent.Progress(steps, plan.iterations(), null, null, null, null))
                .withResult(new JobEvent.Result(null, null, null, null, job.modelId()));
    }

    private JobEvent cancelled(TrainingPlan plan, long steps) {
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.TRAIN, JobState.CANCELLED, workerId)
                .withProgress(new JobEvent.Progress(steps, plan.iterations(), null, null, null, null));
    }

    JobEvent failed(TrainErrorCode code, String message) {
        String m = message == null ? code.name() : message;
        if (m.length() > MAX_ERROR_MESSAGE_CHARS) {
            m = m.substring(0, MAX_ERROR_MESSAGE_CHARS) + "...";
        }
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.TRAIN, JobState.FAILED, workerId)
                .withError(code.name(), m);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", dir, e.toString());
        }
    }
}
