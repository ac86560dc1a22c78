package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale-in of a training worker with real processes: a training job is running on the fleet's train
 * worker process when that process gets SIGTERM (what Kubernetes sends a pod it scales in). The
 * worker must write a checkpoint at once, leave the job uncommitted and leave its group; a new train
 * worker process (a new worker id) must resume the job from that checkpoint, not from step 0, and the
 * job must end SUCCEEDED exactly once.
 */
@ExtendWith(SharedFleet.class)
class TrainScaleInIT {
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final String TENANT = "scale-in";
    /** Long enough to be mid-training when the SIGTERM lands, short enough to finish on the new worker. */
    private static final int ITERATIONS = 400;
    /** Beyond the iterations: the only checkpoint is the one the stop writes. */
    private static final int CHECKPOINT_EVERY = 1_000;
    private static final int PROGRESS_EVERY = 5;
    /** Steps the job must have done before the SIGTERM, so that resuming from 0 would show. */
    private static final long STEPS_BEFORE_STOP = 20;
    /** The training workers' group (stylefleet.train.group-id's default; the fleet does not set it). */
    private static final String TRAIN_GROUP = "stylefleet-train";

    private final Fleet fleet;

    TrainScaleInIT(Fleet fleet) {
        this.fleet = fleet;
    }

    @Test
    void aSigtermedTrainWorkerCheckpointsAndTheJobResumesThereOnANewWorkerAndSucceedsOnce() throws Exception {
        ObjectStore store = fleet.stack().objectStore();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String datasetPrefix = "datasets/" + TENANT + "/scale-in-" + id + "/";
        for (int i = 0; i < 4; i++) {
            store.put(Buckets.DATA, datasetPrefix + "photo-" + i + ".png",
                    TestImages.png(TestImages.gradientWithNoise(48, 40, 100 + i)), "image/png");
        }
        String styleKey = "styles/" + TENANT + "/style-" + id + ".png";
        store.put(Buckets.DATA, styleKey, TestImages.png(TestImages.gradientWithNoise(40, 40, 7)), "image/png");
        String jobId = "scale-in-" + id;
        TrainParams params = new TrainParams(null, null, null, null, 0.25, null, null, ITERATIONS, 2, 32, 32, null,
                null, null, null, null, null, null, CHECKPOINT_EVERY, PROGRESS_EVERY, 1L,
                null, null, null, null, null, null);

        try (JobEventTap tap = new JobEventTap(fleet.stack().kafkaBootstrapServers());
                KafkaProducer<String, byte[]> producer = producer()) {
            TrainJobRequested job = new TrainJobRequested(Messages.SCHEMA_VERSION, jobId, TENANT,
                    TrainJobRequested.TASK_STYLE, styleKey, datasetPrefix, "scale-in-" + id, params, Instant.now());
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.TRAIN_JOBS, Topics.key(jobId),
                    Messages.TRAIN_JOB_REQUESTED.encode(job))).get(10, TimeUnit.SECONDS);

            // Mid-training: progress past STEPS_BEFORE_STOP on the first worker process.
            JobEvent progressed = await().atMost(DEADLINE).pollInSameThread().until(() -> tap.events(jobId).stream()
                    .filter(e -> e.progress() != null && e.progress().step() >= STEPS_BEFORE_STOP).findFirst()
                    .orElse(null), e -> e != null);
            String firstWorker = progressed.worker();
            assertThat(checkpointSteps(store, jobId)).as("no checkpoint before the stop").isEmpty();

            ServiceProcess old = fleet.process(Service.TRAIN_WORKER);
            old.stop(); // SIGTERM; ServiceProcess waits for the exit
            assertThat(old.alive()).isFalse();

            long stoppedAt = checkpointSteps(store, jobId).stream().max(Long::compare).orElseThrow(
                    () -> new AssertionError("the SIGTERMed worker wrote no checkpoint"));
            long lastReported = tap.events(jobId).stream().filter(e -> e.progress() != null)
                    .mapToLong(e -> e.progress().step()).max().orElseThrow();
            assertThat(stoppedAt).as("checkpoint written at the stop, at or after the last reported step")
                    .isGreaterThanOrEqualTo(lastReported).isGreaterThanOrEqualTo(STEPS_BEFORE_STOP)
                    .isLessThan(ITERATIONS);
            assertThat(tap.events(jobId)).extracting(JobEvent::state).as("no terminal event before the restart")
                    .doesNotContain(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED);
            String log = Files.readString(old.log());
            assertThat(log).as("the one stop line says the job was suspended and left for redelivery")
                    .contains(jobId + ": left uncommitted for redelivery (suspended at step " + stoppedAt);

            fleet.restart(Service.TRAIN_WORKER);
            List<JobEvent> events = await().atMost(DEADLINE).pollInSameThread().until(() -> tap.terminal(jobId),
                    e -> e != null);
            List<JobEvent> resumed = events.stream().filter(e -> !e.worker().equals(firstWorker)).toList();
            assertThat(resumed).as("the job continued on a new worker").isNotEmpty();
            JobEvent first = resumed.get(0);
            assertThat(first.progress()).isNotNull();
            assertThat(first.progress().step()).as("resumed from the stop's checkpoint, not from step 0")
                    .isEqualTo(stoppedAt);
            assertThat(resumed.stream().filter(e -> e.progress() != null).mapToLong(e -> e.progress().step()).min()
                    .orElseThrow()).isEqualTo(stoppedAt);

            // Once the group has committed past the job nothing can redeliver it: then count its terminal events.
            TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    fleet.stack().kafkaBootstrapServers()))) {
                await().atMost(DEADLINE).until(() -> {
                    OffsetAndMetadata c = admin.listConsumerGroupOffsets(TRAIN_GROUP).partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS).get(tp);
                    return c != null && c.offset() > sent.offset();
                });
            }
            List<JobEvent> terminals = tap.events(jobId).stream().filter(e -> e.state().terminal()).toList();
            assertThat(terminals).extracting(JobEvent::state).containsExactly(JobState.SUCCEEDED);
            assertThat(terminals.get(0).worker()).isNotEqualTo(firstWorker);
        }
    }

    /** Steps of the job's complete checkpoints in S3 (checkpoint.json is uploaded last). */
    private static List<Long> checkpointSteps(ObjectStore store, String jobId) {
        String prefix = "checkpoints/" + jobId + "/step-";
        return store.list(Buckets.DATA, prefix).stream().filter(k -> k.endsWith("/checkpoint.json"))
                .map(k -> k.substring(prefix.length(), k.indexOf('/', prefix.length())))
                .map(Long::parseLong).sorted().toList();
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.stack().kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
