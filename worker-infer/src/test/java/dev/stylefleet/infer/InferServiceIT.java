package dev.stylefleet.infer;

import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.ImageDecoder;

import dev.stylefleet.infer.messaging.ConsumerGroups;

import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.infra.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as operators start it, {@code java -D... -jar target/quarkus-app/quarkus-run.jar},
 * against the shared local stack: it publishes the built-in models (the baselines, and the styles of
 * the generated root {@code stylefleet.infer.builtin-root} names), warms the styles, becomes ready, runs
 * a job (one log line with the job id) and stops cleanly on SIGTERM.
 */
class InferServiceIT {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void theRunnableJarPublishesTheBaselinesRunsAJobAndStopsOnSigterm() throws Exception {
        QuietLogs.apply();
        LocalStack stack = LocalStack.shared();
        Path runner = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(runner).as("built by the package phase").isRegularFile();
        int port = FreePorts.pick();
        String group = ConsumerGroups.uniqueName("service-it");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            ConsumerGroups.createAtEnd(admin, group);
        }
        String workerId = "service-it-worker";
        Path log = Files.createTempFile("worker-infer", ".log");
        String style = "svc-style-" + UUID.randomUUID().toString().substring(0, 6);
        Path builtins = GeneratedBuiltins.writeStyles(Files.createTempDirectory("svc-builtin"), List.of(style),
                StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 3));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstylefleet.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers(),
                "-Dstylefleet.s3.endpoint=" + stack.s3Endpoint(),
                "-Dstylefleet.s3.access-key=" + stack.s3AccessKey(),
                "-Dstylefleet.s3.secret-key=" + stack.s3SecretKey(),
                "-Dstylefleet.infer.group-id=" + group,
                "-Dstylefleet.infer.worker-id=" + workerId,
                "-Dstylefleet.infer.threads=1",
                "-Dstylefleet.infer.builtin-root=" + builtins,
                // A key meant for another service (the launcher passes one set to all): must not stop start-up.
                "-Dstylefleet.limits.max-pixels=64000000",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-jar", runner.toString()));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (JobEventTap tap = new JobEventTap(stack.kafkaBootstrapServers())) {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            await().atMost(DEADLINE).pollInSameThread().ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        assertThat(process.isAlive()).as("process alive; log:\n%s", Files.readString(log)).isTrue();
                        return http.send(HttpRequest.newBuilder(ready).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });

            ModelRegistry registry = new ModelRegistry(stack.objectStore());
            assertThat(registry.latest("bicubic-x4")).hasValueSatisfying(m -> assertThat(m.scale()).isEqualTo(4));
            assertThat(registry.latest("bicubic-x8")).hasValueSatisfying(m -> assertThat(m.scale()).isEqualTo(8));
            assertThat(registry.latest(style)).hasValueSatisfying(m -> assertThat(m.task()).isEqualTo("stylize"));
            assertThat(Files.readString(log)).as("warmed before ready (default stylefleet.infer.warm)")
                    .contains("warmed " + style + "/1");

            String jobId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
            // WebP in and out: the TwelveMonkeys reader and the libwebp writer must work under Quarkus'
            // class loader, not only on a flat test class path.
            stack.objectStore().put(Buckets.DATA, ObjectKeys.input("svc", jobId),
                    ImageFiles.webp(ImageFiles.withAlphaRamp(9, 7, 5), true), "image/webp");
            try (KafkaProducer<String, byte[]> producer = producer(stack)) {
                producer.send(new ProducerRecord<>(Topics.INFER_JOBS, jobId, Messages.INFER_JOB_REQUESTED.encode(
                        new InferJobRequested(Messages.SCHEMA_VERSION, jobId, "svc", "super-resolve", "bicubic-x8",
                                ObjectKeys.input("svc", jobId), "webp", InferOptions.defaults(), Instant.now()))))
                        .get(10, TimeUnit.SECONDS);
            }
            List<JobEvent> events = await().atMost(DEADLINE).pollInSameThread()
                    .until(() -> tap.terminal(jobId), e -> e != null);
            assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.SUCCEEDED);
            assertThat(events.get(1).worker()).isEqualTo(workerId);
            assertThat(events.get(1).result().width()).isEqualTo(72);
            assertThat(events.get(1).result().contentType()).isEqualTo("image/webp");
            BufferedImage out = ImageDecoder.decode(stack.objectStore().get(Buckets.DATA, events.get(1).result().key()));
            assertThat(out.getColorModel().hasAlpha()).as("alpha passed through").isTrue();

            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("stylefleet_infer_images_total{model=\"bicubic-x8\"}",
                    "stylefleet_infer_inference_seconds_bucket{model=\"bicubic-x8\"",
                    "stylefleet_infer_batch_size_count{model=\"bicubic-x8\"}",
                    "stylefleet_infer_model_cache_total{result=\"miss\"}",
                    "stylefleet_infer_job_seconds_count{model=\"bicubic-x8\",outcome=\"SUCCEEDED\"}");
            await().atMost(DEADLINE).until(() -> Files.readString(log).lines()
                    .anyMatch(l -> l.contains("job " + jobId) && l.contains("SUCCEEDED")));
        } finally {
            process.destroy(); // SIGTERM: Quarkus shuts down, the worker leaves its group
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("infer worker " + workerId + " stopped");
    }

    private static KafkaProducer<String, byte[]> producer(LocalStack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

}
