package dev.stylefleet.train.job;

import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.train.checkpoint.CheckpointStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.data.TestDatasets;
import dev.stylefleet.train.vgg.KerasVgg16File;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The training worker against a real Kafka broker and a real S3 server (the shared
 * {@link LocalStack}), training for real with TensorFlow on tiny generated data and a generated tiny
 * VGG-16 file, and checking the published model in ONNX Runtime. Each test has its own consumer
 * group, positioned at the current end of the job topic, and its own job ids.
 */
class TrainWorkerIT {
    static final String TENANT = "it-tenant";
    /** Generous: the first job loads TensorFlow's native library and optimises its graphs. */
    static final Duration DEADLINE = Duration.ofSeconds(180);

    static LocalStack stack;
    static ObjectStore store;
    static ModelRegistry registry;
    static KafkaProducer<String, byte[]> producer;
    static Admin admin;
    static Path vggFile;
    static String datasetPrefix;
    static String styleKey;

    @TempDir
    static Path tmp;

    final List<TrainWorker> workers = new ArrayList<>();
    /** Partition and offset of each submitted job. */
    final Map<String, long[]> sent = new java.util.concurrent.ConcurrentHashMap<>();
    JobEventTap tap;

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    static final List<java.util.logging.Logger> QUIETED = List.of("org.apache.kafka", "kafka", "org.gaul",
            "org.eclipse.jetty", "org.jclouds").stream().map(java.util.logging.Logger::getLogger).toList();

    @BeforeAll
    static void stack() throws Exception {
        // The embedded broker and S3 server log every step at INFO; the worker's lines would drown.
        QUIETED.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        stack = LocalStack.shared();
        store = stack.objectStore();
        registry = new ModelRegistry(store);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
        vggFile = tmp.resolve("vgg16-test.h5");
        KerasVgg16File.write(vggFile, 5);
        // What the gateway's dataset upload leaves: images under datasets/{tenant}/{name}/, one of them broken.
        datasetPrefix = "datasets/" + TENANT + "/tiny-" + shortId() + "/";
        for (Path f : TestDatasets.write(tmp.resolve("dataset"), 5, 40, 1)) {
            store.put(Buckets.DATA, datasetPrefix + f.getFileName(), Files.readAllBytes(f), "application/octet-stream");
        }
        styleKey = "styles/" + TENANT + "/style-" + shortId() + ".png";
        store.put(Buckets.DATA, styleKey, TestDatasets.png(TestDatasets.image(48, 40, 77)), "image/png");
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
        workers.forEach(w -> w.stop(Duration.ZERO));
        tap.close();
    }

    @Test
    void aTinyStyleJobTrainsCheckpointsReportsAndPublishesAModelThatRunsInOnnxRuntime() throws Exception {
        String group = freshGroup();
        TrainWorker worker = startWorker(settings(group, "w-style"), TrainJobListener.NONE, this::vgg);
        String jobId = "job-" + shortId();
        String modelId = "it-style-" + shortId();
        submit(jobId, modelId, TrainJobRequested.TASK_STYLE, params(6, 3, 2));

        List<JobEvent> events = awaitTerminal(jobId);
        assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.RUNNING,
                JobState.RUNNING, JobState.RUNNING, JobState.SUCCEEDED);
        assertThat(events).extracting(JobEvent::worker).containsOnly(worker.workerId());
        List<JobEvent.Progress> progress = events.stream().map(JobEvent::progress).toList();
        assertThat(progress).extracting(JobEvent.Progress::step).containsExactly(0L, 2L, 4L, 6L, 6L);
        assertThat(progress).extracting(JobEvent.Progress::totalSteps).containsOnly(6L);
        for (JobEvent.Progress p : progress.subList(1, 4)) {
            assertThat(p.losses()).containsOnlyKeys("content", "style", "tv", "total");
            assertThat(p.stepsPerSecond()).isPositive();
            assertThat(p.etaSeconds()).isNotNegative();
        }
        assertThat(progress.get(1).previewKey()).isNull();
        assertThat(progress.get(2).previewKey()).isEqualTo(ObjectKeys.preview(jobId, 3));
        assertThat(progress.get(3).previewKey()).isEqualTo(ObjectKeys.preview(jobId, 6));
        assertThat(events.get(4).result().modelId()).isEqualTo(modelId);

        // Checkpoints at steps 3 and 6, each complete (checkpoint.json written last), and their previews.
        assertThat(new CheckpointStore(store).steps(jobId)).containsExactly(3L, 6L);
        assertThat(store.exists(Buckets.DATA, ObjectKeys.checkpoint(jobId, 6) + Checkpoint.METADATA_FILE)).isTrue();
        for (long step : List.of(3L, 6L)) {
            BufferedImage preview = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.DATA,
                    ObjectKeys.preview(jobId, step))));
            assertThat(preview.getWidth()).isEqualTo(32);
            assertThat(preview.getHeight()).isEqualTo(32);
        }

        ModelManifest m = registry.latest(modelId).orElseThrow();
        assertThat(m.sourceJob()).isEqualTo(jobId);
        assertThat(m.tenant()).isEqualTo(TENANT);
        assertThat(m.task()).isEqualTo("stylize");
        assertThat(m.scale()).isEqualTo(1);
        assertThat(m.options()).containsEntry("skippedImages", "1").containsEntry("steps", "6");
        assertModelRuns(registry.download(m), 1);
        awaitCommittedPast(group, jobId);
    }

    @Test
    void aCancelEndsTheRunningJobCancelledWithinOneStep() throws Exception {
        String group = freshGroup();
        long holdAt = 2;
        AtomicLong cancelSeenAt = new AtomicLong(-1);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TrainJobListener listener = new TrainJobListener() {
            @Override
            public void stepDone(String jobId, long step) {
                if (step == holdAt) {
                    held.countDown();
                    // Hold the job here until the worker has read the cancel (or the test gave up).
                    awaitQuietly(release, DEADLINE);
                }
            }

            @Override
            public void cancelReceived(String jobId, long stepsDone) {
                cancelSeenAt.set(stepsDone);
                release.countDown();
            }
        };
        startWorker(settings(group, "w-cancel"), listener, this::vgg);
        String jobId = "job-" + shortId();
        String modelId = "it-cancel-" + shortId();
        try {
            submit(jobId, modelId, TrainJobRequested.TASK_STYLE, params(1000, 500, 1));
            assertThat(held.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("job reached step %d", holdAt).isTrue();
            assertThat(tap.events(jobId)).extracting(JobEvent::state).doesNotContain(JobState.SUCCEEDED,
                    JobState.FAILED, JobState.CANCELLED);
            producer.send(new ProducerRecord<>(Topics.CANCELS, Topics.key(jobId), Messages.CANCEL_REQUESTED.encode(
                    new CancelRequested(Messages.SCHEMA_VERSION, jobId, TENANT, Instant.now())))).get(10, TimeUnit.SECONDS);

            List<JobEvent> events = awaitTerminal(jobId);
            JobEvent last = events.get(events.size() - 1);
            assertThat(last.state()).isEqualTo(JobState.CANCELLED);
            assertThat(cancelSeenAt.get()).isGreaterThanOrEqualTo(2);
            assertThat(last.progress().step()).as("steps done when the cancel arrived: %d", cancelSeenAt.get())
                    .isBetween(cancelSeenAt.get(), cancelSeenAt.get() + 1);
            // Held at step 2, the worker read the cancel there: the job stopped before step 3.
            assertThat(cancelSeenAt.get()).isEqualTo(holdAt);
            assertThat(last.progress().step()).isEqualTo(holdAt);
            assertThat(registry.versions(modelId)).isEmpty();
            awaitCommittedPast(group, jobId);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aKilledWorkersJobResumesFromItsLastCheckpointOnAnotherWorkerAndSucceeds() throws Exception {
        String group = freshGroup();
        int checkpointEvery = 4;
        AtomicLong reached = new AtomicLong();
        List<Long> uploaded = new CopyOnWriteArrayList<>();
        AtomicReference<TrainWorker> firstWorker = new AtomicReference<>();
        TrainJobListener listener = new TrainJobListener() {
            @Override
            public void stepDone(String jobId, long step) {
                reached.accumulateAndGet(step, Math::max);
                // The crash: one step past the first checkpoint, before that step's own checkpoint or event.
                if (!uploaded.isEmpty() && step >= uploaded.get(0) + 1) {
                    firstWorker.get().stop(Duration.ZERO);
                }
            }

            @Override
            public void checkpointUploaded(String jobId, long step) {
                uploaded.add(step);
            }
        };
        TrainWorker first = startWorker(settings(group, "w-first"), listener, this::vgg);
        firstWorker.set(first);
        String jobId = "job-" + shortId();
        String modelId = "it-resume-" + shortId();
        submit(jobId, modelId, TrainJobRequested.TASK_STYLE, params(14, checkpointEvery, 1));
        assertThat(first.awaitTermination(DEADLINE)).as("first worker stopped").isTrue();
        long reachedBeforeKill = reached.get();
        long lastCheckpoint = new CheckpointStore(store).latestStep(jobId).orElseThrow();
        assertThat(reachedBeforeKill).isLessThan(14);
        assertThat(tap.events(jobId)).extracting(JobEvent::state).doesNotContain(JobState.SUCCEEDED,
                JobState.FAILED, JobState.CANCELLED);

        TrainWorker second = startWorker(settings(group, "w-second"), TrainJobListener.NONE, this::vgg);
        List<JobEvent> events = awaitTerminal(jobId);
        List<JobEvent> afterRestart = events.stream().filter(e -> e.worker().equals(second.workerId())).toList();
        JobEvent.Progress resumed = afterRestart.get(0).progress();
        JobEvent.Progress firstStep = afterRestart.stream().map(JobEvent::progress)
                .filter(p -> p != null && p.losses() != null).findFirst().orElseThrow();
        System.out.printf("TrainWorkerIT: killed after step %d (last checkpoint %d); restarted at step %d, "
                + "first step reported %d%n", reachedBeforeKill, lastCheckpoint, resumed.step(), firstStep.step());
        for (JobEvent.Progress p : List.of(resumed, firstStep)) {
            assertThat(p.step()).isGreaterThanOrEqualTo(lastCheckpoint)
                    .isLessThan(reachedBeforeKill + checkpointEvery);
        }
        assertThat(resumed.step()).isEqualTo(lastCheckpoint);
        assertThat(lastCheckpoint).isPositive();
        JobEvent terminal = events.get(events.size() - 1);
        assertThat(terminal.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(terminal.worker()).isEqualTo(second.workerId());
        ModelManifest m = registry.latest(modelId).orElseThrow();
        assertThat(m.sourceJob()).isEqualTo(jobId);
        assertThat(m.options()).containsEntry("steps", "14");
        assertModelRuns(registry.download(m), 1);
        awaitCommittedPast(group, jobId);
    }

    @Test
    void badMessagesAreDeadLetteredAndAMissingLossNetworkFailsTheJobWithItsCode() throws Exception {
        String group = freshGroup();
        Path missing = tmp.resolve("no-such-vgg.h5");
        startWorker(settings(group, "w-errors"), TrainJobListener.NONE, () -> Vgg16Weights.read(missing));
        String badKey = "bad-" + shortId();
        producer.send(new ProducerRecord<>(Topics.TRAIN_JOBS, badKey, "{\"not\": \"a job\"}".getBytes())).get(10,
                TimeUnit.SECONDS);
        String jobId = "job-" + shortId();
        submit(jobId, "it-novgg-" + shortId(), TrainJobRequested.TASK_STYLE, params(5, 5, 1));

        List<JobEvent> events = awaitTerminal(jobId);
        JobEvent last = events.get(events.size() - 1);
        assertThat(last.state()).isEqualTo(JobState.FAILED);
        assertThat(last.error().code()).isEqualTo("LOSS_NETWORK_UNAVAILABLE");
        assertThat(last.error().message()).contains(missing.toString()).contains("does not exist");
        await().atMost(DEADLINE).pollInSameThread().until(() -> tap.deadLetters().stream()
                .anyMatch(d -> badKey.equals(d.key()) && "worker-train".equals(d.consumer())));
        awaitCommittedPast(group, jobId);
    }

    // ---------------------------------------------------------------------------------------------

    /** Waits for {@code latch} at most {@code timeout}; a listener callback must not throw. */
    static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Vgg16Weights vgg() {
        return Vgg16Weights.read(vggFile);
    }

    static TrainParams params(int iterations, int checkpointEvery, int progressEvery) {
        return new TrainParams(null, null, null, null, 0.25, null, null, iterations, 2, 32, 32, null, null, null,
                null, null, null, null, checkpointEvery, progressEvery, 1L,
                null, null, null, null, null, null);
    }

    void submit(String jobId, String modelId, String task, TrainParams params) throws Exception {
        TrainJobRequested job = new TrainJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT, task, styleKey,
                datasetPrefix, modelId, params, Instant.now());
        var md = producer.send(new ProducerRecord<>(Topics.TRAIN_JOBS, Topics.key(jobId),
                Messages.TRAIN_JOB_REQUESTED.encode(job))).get(10, TimeUnit.SECONDS);
        sent.put(jobId, new long[] {md.partition(), md.offset()});
    }

    List<JobEvent> awaitTerminal(String jobId) {
        return await().atMost(DEADLINE).pollInSameThread().until(() -> tap.terminal(jobId), e -> e != null);
    }

    /** The job's offset is committed: the group's committed offset on the job's partition passed it. */
    void awaitCommittedPast(String group, String jobId) {
        int partition = partitionOf(jobId);
        long jobOffset = jobOffset(jobId, partition);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = committed.get(new TopicPartition(Topics.TRAIN_JOBS, partition));
            return o != null && o.offset() > jobOffset;
        });
    }

    int partitionOf(String jobId) {
        return (int) sent.get(jobId)[0];
    }

    long jobOffset(String jobId, int partition) {
        return sent.get(jobId)[1];
    }

    static void assertModelRuns(byte[] onnx, int scale) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int h = 29;
        int w = 37;
        float[] input = new float[3 * h * w];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i * 37 % 256);
        }
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(onnx, o);
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
                    OrtSession.Result r = s.run(Map.of("image", in))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                assertThat(out.getInfo().getShape()).containsExactly(1, 3, (long) h * scale, (long) w * scale);
                FloatBuffer fb = out.getFloatBuffer();
                while (fb.hasRemaining()) {
                    float v = fb.get();
                    assertThat(v).isBetween(0f, 255f);
                }
            }
        }
    }

    String freshGroup() throws Exception {
        String group = "it-train-" + shortId();
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.TRAIN_JOBS)).allTopicNames().get()
                .get(Topics.TRAIN_JOBS).partitions().stream()
                .map(p -> new TopicPartition(Topics.TRAIN_JOBS, p.partition())).toList();
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        admin.alterConsumerGroupOffsets(group, ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
        return group;
    }

    TrainWorkerConfig settings(String group, String name) {
        // One thread: the test machine is small and shared.
        return TrainWorkerConfig.of(Map.of("stylefleet.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "stylefleet.train.group-id", group, "stylefleet.train.worker-id", name + "-" + shortId(),
                "stylefleet.train.threads", "1", "stylefleet.train.work-dir", tmp.resolve("work").toString()));
    }

    TrainWorker startWorker(TrainWorkerConfig settings, TrainJobListener listener, Supplier<Vgg16Weights> vgg) {
        TrainWorker worker = new TrainWorker(settings, store, registry, vgg, listener).start();
        workers.add(worker);
        return worker;
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
