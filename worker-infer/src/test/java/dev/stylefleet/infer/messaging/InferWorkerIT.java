package dev.stylefleet.infer.messaging;

import dev.stylefleet.runtime.JobStageListener;
import dev.stylefleet.infer.QuietLogs;
import dev.stylefleet.infer.builtin.BuiltinModels;
import dev.stylefleet.infer.imaging.HostileInputs;
import dev.stylefleet.infer.imaging.ImageCodecTest;
import dev.stylefleet.infer.imaging.ImageTensors;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.KeysBicubic;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.ModelValidator;
import dev.stylefleet.infer.model.StyleModels;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.TiledInference;

import dev.stylefleet.infra.JobEventTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.DeadLetter;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker against a real Kafka broker and a real S3 server (the shared {@link LocalStack}), with
 * real ONNX Runtime inference. Each test uses its own consumer group, positioned at the current end
 * of the job topic, and its own job ids, so tests never see each other's jobs.
 */
class InferWorkerIT {
    static final String TENANT = "it-tenant";
    /** Generous: the first inference loads ONNX Runtime's native library and creates a session. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static LocalStack stack;
    static ObjectStore store;
    static ModelRegistry registry;
    static KafkaProducer<String, byte[]> producer;
    static Admin admin;

    final List<InferWorker> workers = new ArrayList<>();
    JobEventTap tap;

    @BeforeAll
    static void stack() {
        QuietLogs.apply();
        stack = LocalStack.shared();
        store = stack.objectStore();
        registry = new ModelRegistry(store);
        BuiltinModels.publishIfMissing(registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    @AfterAll
    static void clients() {
        producer.close();
        admin.close();
    }

    @BeforeEach
    void tap() {
        tap = new JobEventTap(stack.kafkaBootstrapServers());
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(30)));
        tap.close();
    }

    @Test
    void superResolvesAGeneratedPngByFourAndMatchesAnIndependentBicubic() throws Exception {
        InferWorker worker = startWorker(freshGroup(), "w-sr", JobStageListener.NONE);
        BufferedImage input = TestImages.gradientWithNoise(40, 30, 7);
        String jobId = submit(TestImages.png(input), "bicubic-x4");

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.SUCCEEDED);
        assertThat(events).extracting(JobEvent::worker).containsOnly(worker.workerId());
        JobEvent.Result result = events.get(1).result();
        assertThat(result.key()).isEqualTo(ObjectKeys.result(jobId, "png"));
        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(result.width()).isEqualTo(160);
        assertThat(result.height()).isEqualTo(120);

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA, result.key())));
        assertThat(out.getWidth()).isEqualTo(160);
        assertThat(out.getHeight()).isEqualTo(120);
        // BicubicModelTest states the tolerance: float32 vs double is within 1e-3 before rounding,
        // so at most one 8-bit level after.
        double[] expected = KeysBicubic.upsampleRgb(ImageTensors.toNchw(input), 30, 40, 4);
        int plane = 160 * 120;
        int maxDiff = 0;
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                int rgb = out.getRGB(x, y);
                int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    maxDiff = (int) Math.max(maxDiff, Math.abs(got[c] - Math.round(expected[c * plane + y * 160 + x])));
                }
            }
        }
        assertThat(maxDiff).as("max 8-bit level difference from the reference").isLessThanOrEqualTo(1);
    }

    @Test
    void anUnknownModelFailsTheJobWithUnknownModelNamingWhatExists() throws Exception {
        startWorker(freshGroup(), "w-unknown", JobStageListener.NONE);
        String jobId = submit(TestImages.png(TestImages.gradientWithNoise(8, 8, 1)), "no-such-model");

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.FAILED);
        JobEvent.Error error = events.get(1).error();
        assertThat(error.code()).isEqualTo("UNKNOWN_MODEL");
        assertThat(error.message()).contains("model", "no-such-model", "bicubic-x4", "bicubic-x8");
        assertThat(store.list(Buckets.DATA, "results/" + jobId + "/")).isEmpty();
    }

    @Test
    void aModelThatCannotLoadFailsWithModelInvalid() throws Exception {
        startWorker(freshGroup(), "w-broken", JobStageListener.NONE);
        String modelId = "broken-" + shortId();
        registry.publish(modelId, "1", "super-resolve", 4, "not a network",
                "this is not an ONNX file".getBytes(StandardCharsets.UTF_8), null, null, Map.of());
        String jobId = submit(TestImages.png(TestImages.gradientWithNoise(8, 8, 1)), modelId);

        JobEvent last = last(awaitTerminal(jobId));
        assertThat(last.state()).isEqualTo(JobState.FAILED);
        assertThat(last.error().code()).isEqualTo("MODEL_INVALID");
        assertThat(last.error().message()).contains(modelId + "/1");
    }

    @Test
    void garbageInputFailsWithInvalidImageAndTheWorkerServesTheNextJob() throws Exception {
        InferWorker worker = startWorker(freshGroup(), "w-garbage", JobStageListener.NONE);
        String bad = submit("GIF89a? no, just garbage bytes".getBytes(StandardCharsets.UTF_8), "bicubic-x4");
        String good = submit(TestImages.png(TestImages.gradientWithNoise(12, 10, 2)), "bicubic-x4");

        JobEvent failed = last(awaitTerminal(bad));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error().code()).isEqualTo("INVALID_IMAGE");
        assertThat(failed.error().message()).contains("input image");

        JobEvent ok = last(awaitTerminal(good));
        assertThat(ok.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ok.result().width()).isEqualTo(48);
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void aMessageViolatingTheSchemaIsDeadLetteredAndTheNextJobStillSucceeds() throws Exception {
        InferWorker worker = startWorker(freshGroup(), "w-dlq", JobStageListener.NONE);
        String badKey = "bad-" + shortId();
        // A well-formed JSON job with a task outside the schema's enum.
        String json = new String(Messages.INFER_JOB_REQUESTED.encode(request(badKey, "bicubic-x4")),
                StandardCharsets.UTF_8).replace("\"super-resolve\"", "\"colourise\"");
        producer.send(new ProducerRecord<>(Topics.INFER_JOBS, badKey, json.getBytes(StandardCharsets.UTF_8)))
                .get(10, TimeUnit.SECONDS);
        String good = submit(TestImages.png(TestImages.gradientWithNoise(6, 5, 3)), "bicubic-x4");

        DeadLetter letter = await().atMost(DEADLINE).pollInSameThread().until(
                () -> tap.deadLetters().stream().filter(d -> badKey.equals(d.key())).findFirst().orElse(null),
                d -> d != null);
        assertThat(letter.sourceTopic()).isEqualTo(Topics.INFER_JOBS);
        assertThat(letter.consumer()).isEqualTo(InferWorker.CONSUMER_NAME);
        assertThat(letter.reason()).contains("InferJobRequested violates its schema").contains("task");
        assertThat(letter.payload()).contains("colourise");
        assertThat(tap.events(badKey)).as("no job events for a message that is not a job").isEmpty();

        assertThat(last(awaitTerminal(good)).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void aJobWhoseWorkerDiesBeforeCommittingIsRedeliveredAndEndsOnceWithOneResult() throws Exception {
        String group = freshGroup();
        AtomicReference<InferWorker> first = new AtomicReference<>();
        AtomicReference<String> target = new AtomicReference<>();
        // Worker A stores the result, then "dies": stopped with no grace, so no SUCCEEDED and no commit.
        first.set(startWorker(group, "w-dies", (jobId, stage) -> {
            if (stage == JobStageListener.Stage.RESULT_STORED && jobId.equals(target.get())) {
                first.get().stop(Duration.ZERO);
            }
        }));
        String jobId = "alo-" + shortId();
        target.set(jobId);
        submit(jobId, TestImages.png(TestImages.gradientWithNoise(20, 16, 11)), "bicubic-x4");

        await().atMost(DEADLINE).until(() -> !first.get().isRunning());
        assertThat(tap.events(jobId)).extracting(JobEvent::state).containsExactly(JobState.RUNNING);
        assertThat(store.list(Buckets.DATA, "results/" + jobId + "/")).as("A's result").hasSize(1);

        List<String> committed = new CopyOnWriteArrayList<>();
        InferWorker second = startWorker(group, "w-takes-over", (id, stage) -> {
            if (stage == JobStageListener.Stage.COMMITTED) {
                committed.add(id);
            }
        });

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(e -> e.state() + "@" + e.worker()).containsExactly(
                "RUNNING@" + first.get().workerId(), "RUNNING@" + second.workerId(), "SUCCEEDED@" + second.workerId());
        await().atMost(DEADLINE).until(() -> committed.contains(jobId));
        assertThat(store.list(Buckets.DATA, "results/" + jobId + "/"))
                .containsExactly(ObjectKeys.result(jobId, "png"));
        assertThat(ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA, ObjectKeys.result(jobId, "png"))))
                .getWidth()).isEqualTo(80);
    }

    @Test
    void aGracefulStopDoesNotCommitAJobItHasNotFinished() throws Exception {
        String group = freshGroup();
        AtomicReference<String> taken = new AtomicReference<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // Held after RUNNING until the test lets go, far past the stop's grace.
        InferWorker held = startWorker(settings(group, "w-held"), (id, stage) -> {
            if (stage == JobStageListener.Stage.TAKEN) {
                taken.set(id);
                try {
                    release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        String jobId = submit(TestImages.png(TestImages.gradientWithNoise(10, 10, 4)), "bicubic-x4");
        await().atMost(DEADLINE).until(() -> jobId.equals(taken.get()));
        await().atMost(DEADLINE).pollInSameThread().until(() -> tap.events(jobId).stream()
                .anyMatch(e -> e.state() == JobState.RUNNING));

        try {
            assertThat(held.stop(Duration.ofSeconds(1))).as("stopped once its grace passed, without finishing the job")
                    .isTrue();
        } finally {
            release.countDown();
        }
        assertThat(held.isRunning()).isFalse();
        assertThat(tap.events(jobId)).extracting(JobEvent::state).containsExactly(JobState.RUNNING);
        assertThat(ConsumerGroups.committed(admin, group)).as("nothing committed beyond the start position")
                .isEqualTo(startOffsets.get(group));

        InferWorker next = startWorker(group, "w-next", JobStageListener.NONE);
        JobEvent last = last(awaitTerminal(jobId));
        assertThat(last.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(last.worker()).isEqualTo(next.workerId());
    }

    @Test
    void everyHostileInputEndsWithItsCodeAndTheWorkerSurvivesThemAll() throws Exception {
        Map<String, String> settings = settings(freshGroup(), "w-hostile");
        settings.put("stylefleet.infer.max-input-bytes", Long.toString(HostileInputs.LIMITS.maxInputBytes()));
        settings.put("stylefleet.infer.max-input-pixels", Long.toString(HostileInputs.LIMITS.maxInputPixels()));
        settings.put("stylefleet.infer.concurrency", "2");
        InferWorker worker = startWorker(settings, JobStageListener.NONE);
        Map<String, HostileInputs.Case> jobs = new java.util.LinkedHashMap<>();
        for (HostileInputs.Case c : HostileInputs.all()) {
            jobs.put(submit("hostile-" + c.name() + "-" + shortId(), c.bytes(), "bicubic-x4"), c);
        }
        for (Map.Entry<String, HostileInputs.Case> e : jobs.entrySet()) {
            HostileInputs.Case c = e.getValue();
            JobEvent last = last(awaitTerminal(e.getKey()));
            if (c.expected() == null) {
                assertThat(last.state()).as(c.name() + ": " + last.error()).isEqualTo(JobState.SUCCEEDED);
                assertThat(last.result().width()).as(c.name()).isEqualTo(4 * c.width());
                assertThat(last.result().height()).as(c.name()).isEqualTo(4 * c.height());
                BufferedImage out = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA, last.result().key())));
                assertThat(out.getColorModel().hasAlpha()).as(c.name() + " alpha").isEqualTo(c.alpha());
            } else {
                assertThat(last.state()).as(c.name()).isEqualTo(JobState.FAILED);
                assertThat(last.error().code()).as(c.name() + ": " + last.error().message())
                        .isEqualTo(c.expected().name());
                assertThat(store.list(Buckets.DATA, "results/" + e.getKey() + "/")).as(c.name()).isEmpty();
            }
        }
        assertThat(worker.isRunning()).isTrue();
        String good = submit(TestImages.png(TestImages.gradientWithNoise(12, 10, 2)), "bicubic-x4");
        assertThat(last(awaitTerminal(good)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void concurrentJobsAreMicroBatchedAndACrashLosesNoJobAndDuplicatesNoResult() throws Exception {
        String modelId = "it-style-" + shortId();
        byte[] onnx = dev.stylefleet.infer.bench.StyleNetOnnx.build(dev.stylefleet.infer.bench.StyleNetOnnx.Spec.tiny(
                false, dev.stylefleet.infer.bench.StyleNetOnnx.Upsample.DECONV, 5));
        registry.publish(modelId, "1", InferJobRequested.TASK_STYLIZE, 1, "tiny style", onnx, null, null, Map.of());
        String group = freshGroup();
        // A generous window so that concurrent jobs surely meet (the benchmark measures the default 5 ms).
        Map<String, String> batching = Map.of("stylefleet.infer.concurrency", "4",
                "stylefleet.infer.batch-window", "200MS", "stylefleet.infer.max-batch", "4");
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<InferWorker> a = new AtomicReference<>();
        // Worker A dies (no terminal event, no commit) once it has stored its 6th result.
        a.set(new InferWorker(config(settings(group, "w-batch-a"), batching), store, registry,
                (id, stage) -> {
                    if (stage == JobStageListener.Stage.RESULT_STORED && stored.incrementAndGet() == 6) {
                        a.get().stop(Duration.ZERO);
                    }
                }, new InferMetrics(meters)));

        List<String> jobIds = new ArrayList<>();
        Map<String, BufferedImage> inputs = new java.util.HashMap<>();
        for (int i = 0; i < 16; i++) {
            BufferedImage img = TestImages.gradientWithNoise(64, 48, 100 + i);
            String jobId = "batch-" + i + "-" + shortId();
            inputs.put(jobId, img);
            store.put(Buckets.DATA, ObjectKeys.input(TENANT, jobId), TestImages.png(img), "image/png");
            producer.send(new ProducerRecord<>(Topics.INFER_JOBS, Topics.key(jobId),
                    Messages.INFER_JOB_REQUESTED.encode(new InferJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT,
                            InferJobRequested.TASK_STYLIZE, modelId, ObjectKeys.input(TENANT, jobId), "png",
                            InferOptions.defaults(), Instant.now())))).get(10, TimeUnit.SECONDS);
            jobIds.add(jobId);
        }
        // Started once every job is waiting, so that its first polls find several: sent one by one to a
        // running worker, tiny jobs can each finish before the next arrives, and a lone job is never
        // held back for a batch.
        workers.add(a.get().start());
        await().atMost(DEADLINE).until(() -> !a.get().isRunning());
        InferWorker b = startWorker(withAll(settings(group, "w-batch-b"), batching), JobStageListener.NONE);

        LoadedModel reference = LoadedModel.load(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                StyleModels.manifest(modelId, 1, InferJobRequested.TASK_STYLIZE, onnx), onnx, 1);
        try {
            for (String jobId : jobIds) {
                List<JobEvent> events = awaitTerminal(jobId);
                assertThat(last(events).state()).as(jobId).isEqualTo(JobState.SUCCEEDED);
                assertThat(store.list(Buckets.DATA, "results/" + jobId + "/")).as("one result object for " + jobId)
                        .containsExactly(ObjectKeys.result(jobId, "png"));
                // Batched or not, each job gets its own image's result (no mix-up between batch slots).
                BufferedImage out = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA,
                        ObjectKeys.result(jobId, "png"))));
                BufferedImage expected = new TiledInference(512, 32, 4, Long.MAX_VALUE).run(reference.runner(),
                        new PixelSource(inputs.get(jobId)), 1);
                assertThat(ImageCodecTest.meanAbsDiff(out, expected)).as(jobId).isLessThan(0.01);
            }
        } finally {
            reference.close();
        }
        assertThat(b.isRunning()).isTrue();
        io.micrometer.core.instrument.DistributionSummary sizes = meters.find("stylefleet.infer.batch.size").summary();
        System.out.printf("worker A: %d session runs for %d images, largest batch %.0f%n", sizes.count(),
                (long) sizes.totalAmount(), sizes.max());
        assertThat(sizes.max()).as("some runs were batched").isGreaterThan(1);
    }

    @Test
    void aModelLaidOutLikeAPytorchExamplesExportPassesTheImportProbeAndStylizes() throws Exception {
        // input.1 fixed at [1,3,64,64], opset 11, reflect pads, instance norm, nearest Resize.
        byte[] onnx = dev.stylefleet.infer.bench.StyleNetOnnx.buildPytorchExport(
                dev.stylefleet.infer.bench.StyleNetOnnx.Spec.tiny(true, dev.stylefleet.infer.bench.StyleNetOnnx.Upsample.RESIZE,
                        11), 64, 64);
        // What POST /v1/models does: the probe, then the registry.
        assertThat(ModelValidator.validate(onnx, InferJobRequested.TASK_STYLIZE, 1).inputName()).isEqualTo("input.1");
        String modelId = "it-torch-" + shortId();
        registry.publish(modelId, "1", InferJobRequested.TASK_STYLIZE, 1, "imported", onnx, null, TENANT, Map.of());
        startWorker(freshGroup(), "w-torch", JobStageListener.NONE);

        String jobId = "torch-" + shortId();
        submit(jobId, TestImages.png(TestImages.gradientWithNoise(100, 70, 12)), modelId,
                InferJobRequested.TASK_STYLIZE);
        JobEvent last = last(awaitTerminal(jobId));
        assertThat(last.state()).as(String.valueOf(last.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(last.result().width()).isEqualTo(100);
        assertThat(last.result().height()).isEqualTo(70);
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA, last.result().key())));
        assertThat(out.getWidth()).isEqualTo(100);
    }

    @Test
    void aJobCancelledBeforeItIsPolledIsNotRunAndEndsCancelled() throws Exception {
        String group = freshGroup();
        String jobId = submit(TestImages.png(TestImages.gradientWithNoise(20, 16, 21)), "bicubic-x4");
        cancel(jobId);
        List<String> committed = new CopyOnWriteArrayList<>();
        // Started after the cancel: it reads the cancel topic's recent past before polling a job.
        InferWorker worker = startWorker(group, "w-cancelled", (id, stage) -> {
            if (stage == JobStageListener.Stage.COMMITTED) {
                committed.add(id);
            }
        });

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(JobEvent::state).as("never RUNNING").containsExactly(JobState.CANCELLED);
        assertThat(events.get(0).worker()).isEqualTo(worker.workerId());
        assertThat(events.get(0).error().code()).isEqualTo("CANCELLED");
        await().atMost(DEADLINE).until(() -> committed.contains(jobId));
        assertThat(store.list(Buckets.DATA, "results/" + jobId + "/")).as("no result object").isEmpty();

        String next = submit(TestImages.png(TestImages.gradientWithNoise(12, 10, 2)), "bicubic-x4");
        assertThat(last(awaitTerminal(next)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRunningTiledJobIsCancelledBetweenTilesAndTheWorkerServesTheNextJob() throws Exception {
        String modelId = "it-cancel-style-" + shortId();
        byte[] onnx = dev.stylefleet.infer.bench.StyleNetOnnx.build(dev.stylefleet.infer.bench.StyleNetOnnx.Spec.tiny(
                false, dev.stylefleet.infer.bench.StyleNetOnnx.Upsample.DECONV, 13));
        registry.publish(modelId, "1", InferJobRequested.TASK_STYLIZE, 1, "tiny style", onnx, null, null, Map.of());
        String jobId = "cancel-running-" + shortId();
        java.util.concurrent.CountDownLatch thirdTileDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelSeen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger tiles = new java.util.concurrent.atomic.AtomicInteger();
        // The job pauses after its third tile until the worker has read the cancel, which the test sends
        // only then: the cancel lands between two tiles, every time, without guessing how long a tile takes.
        InferMetrics holdAfterThirdTile = new InferMetrics(null) {
            @Override
            public void inference(String model, int batch, long nanos) {
                if (model.equals(modelId) && tiles.incrementAndGet() == 3) {
                    thirdTileDone.countDown();
                    try {
                        cancelSeen.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        // 64-pixel tiles overlapping by 16 over a 256 x 192 image: 5 x 4 = 20 tiles.
        Map<String, String> settings = settings(freshGroup(), "w-cancel-running");
        settings.putAll(Map.of("stylefleet.infer.tile-size", "64", "stylefleet.infer.tile-overlap", "16",
                "stylefleet.infer.tile-above-pixels", "1"));
        InferWorker worker = new InferWorker(InferWorkerConfig.of(settings), store, registry, (id, stage) -> {
            if (stage == JobStageListener.Stage.CANCEL_SEEN && id.equals(jobId)) {
                cancelSeen.countDown();
            }
        }, holdAfterThirdTile).start();
        workers.add(worker);

        submit(jobId, TestImages.png(TestImages.gradientWithNoise(256, 192, 14)), modelId,
                InferJobRequested.TASK_STYLIZE);
        await().atMost(DEADLINE).pollInSameThread().until(() -> tap.events(jobId).stream()
                .anyMatch(e -> e.state() == JobState.RUNNING));
        assertThat(thirdTileDone.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("3 tiles run").isTrue();
        cancel(jobId);

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.CANCELLED);
        assertThat(events.get(1).error().code()).isEqualTo("CANCELLED");
        assertThat(tiles).as("stopped between the third and the fourth of 20 tiles").hasValue(3);
        assertThat(store.list(Buckets.DATA, "results/" + jobId + "/")).as("no result object").isEmpty();

        String next = "after-cancel-" + shortId();
        submit(next, TestImages.png(TestImages.gradientWithNoise(80, 60, 15)), modelId, InferJobRequested.TASK_STYLIZE);
        JobEvent ok = last(awaitTerminal(next));
        assertThat(ok.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ok.result().width()).isEqualTo(80);
        assertThat(store.list(Buckets.DATA, "results/" + next + "/")).hasSize(1);
        assertThat(worker.isRunning()).isTrue();
    }

    // ---- helpers ----

    final Map<String, Map<TopicPartition, Long>> startOffsets = new java.util.HashMap<>();

    /** A new consumer group whose committed offsets are the job topic's current end. */
    String freshGroup() throws Exception {
        String group = ConsumerGroups.uniqueName("it");
        startOffsets.put(group, ConsumerGroups.createAtEnd(admin, group));
        return group;
    }

    /** The worker's configuration keys for a test worker; tests add their own before starting it. */
    Map<String, String> settings(String group, String name) {
        // One intra-op thread: the test machine is small and shared.
        return new java.util.HashMap<>(Map.of("stylefleet.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "stylefleet.infer.group-id", group, "stylefleet.infer.worker-id", name + "-" + shortId(),
                "stylefleet.infer.threads", "1"));
    }

    static Map<String, String> withAll(Map<String, String> settings, Map<String, String> more) {
        settings.putAll(more);
        return settings;
    }

    static InferWorkerConfig config(Map<String, String> settings, Map<String, String> more) {
        return InferWorkerConfig.of(withAll(settings, more));
    }

    InferWorker startWorker(String group, String name, JobStageListener listener) {
        return startWorker(settings(group, name), listener);
    }

    InferWorker startWorker(Map<String, String> settings, JobStageListener listener) {
        InferWorker worker = new InferWorker(InferWorkerConfig.of(settings), store, registry, listener).start();
        workers.add(worker);
        return worker;
    }

    String submit(byte[] image, String model) throws Exception {
        return submit("job-" + shortId(), image, model);
    }

    /** What the gateway does: the input in S3, then the request on the job topic, key = job id. */
    String submit(String jobId, byte[] image, String model) throws Exception {
        return submit(jobId, image, model, InferJobRequested.TASK_SUPER_RESOLVE);
    }

    String submit(String jobId, byte[] image, String model, String task) throws Exception {
        store.put(Buckets.DATA, ObjectKeys.input(TENANT, jobId), image, "application/octet-stream");
        InferJobRequested request = new InferJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT, task, model,
                ObjectKeys.input(TENANT, jobId), "png", InferOptions.defaults(), Instant.now());
        producer.send(new ProducerRecord<>(Topics.INFER_JOBS, Topics.key(jobId),
                Messages.INFER_JOB_REQUESTED.encode(request))).get(10, TimeUnit.SECONDS);
        return jobId;
    }

    /** What the gateway does on DELETE /v1/jobs/{id}: a CancelRequested keyed by the job id. */
    void cancel(String jobId) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CANCELS, Topics.key(jobId), Messages.CANCEL_REQUESTED.encode(
                new CancelRequested(Messages.SCHEMA_VERSION, jobId, TENANT, Instant.now())))).get(10, TimeUnit.SECONDS);
    }

    static InferJobRequested request(String jobId, String model) {
        return new InferJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT, InferJobRequested.TASK_SUPER_RESOLVE,
                model, ObjectKeys.input(TENANT, jobId), "png", InferOptions.defaults(), Instant.now());
    }

    List<JobEvent> awaitTerminal(String jobId) {
        return await().atMost(DEADLINE).pollInSameThread().until(() -> tap.terminal(jobId), e -> e != null);
    }

    static JobEvent last(List<JobEvent> events) {
        return events.get(events.size() - 1);
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
