package dev.stylefleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.onnx.Onnx;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack against real clients: Kafka's producer, consumer and admin; MinIO; java.net.http. */
class LocalStackIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void jobEventMakesTheRoundTripThroughItsTopic() throws Exception {
        LocalStack stack = LocalStack.shared();
        String jobId = "job-" + UUID.randomUUID();
        JobEvent sent = JobEvent.of(jobId, "tenant-a", JobKind.INFER, JobState.RUNNING, "worker-infer-1");
        produce(stack, Topics.JOB_EVENTS, Topics.key(jobId), Messages.JOB_EVENT.encode(sent));

        List<ConsumerRecord<String, byte[]>> got = consumeUntilKey(stack, Topics.JOB_EVENTS, jobId);

        ConsumerRecord<String, byte[]> record = got.get(got.size() - 1);
        assertThat(Messages.JOB_EVENT.decode(record.value())).isEqualTo(sent);
    }

    @Test
    void everyTopicExistsWithItsPartitionsAndCleanupPolicy() throws Exception {
        LocalStack stack = LocalStack.shared();
        try (Admin admin = admin(stack)) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.ALL.stream()
                    .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList()).all().get();
            for (Topics.Spec spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(spec.name())
                        .isEqualTo(spec.compacted() ? "compact" : "delete");
            }
        }
    }

    @Test
    void topicsFromAnOlderSpecAreGrownAndGetTheirCleanupPolicy() throws Exception {
        LocalStack stack = LocalStack.shared();
        String topic = "it.reconcile-" + UUID.randomUUID();
        TopicProvisioner.provision(stack.kafkaBootstrapServers(), List.of(new Topics.Spec(topic, 1, false)),
                DEADLINE);

        // The same data directory meets a newer spec: more partitions, now compacted.
        TopicProvisioner.provision(stack.kafkaBootstrapServers(), List.of(new Topics.Spec(topic, 3, true)),
                DEADLINE);

        try (Admin admin = admin(stack)) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(r)).all().get().get(r)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    void objectStoreWorksThroughMinioIncludingPresignedGet() throws Exception {
        LocalStack stack = LocalStack.shared();
        ObjectStore store = stack.objectStore();
        String prefix = "it/" + UUID.randomUUID() + "/";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};

        store.put(Buckets.DATA, prefix + "b.png", png, "image/png");
        store.put(Buckets.DATA, prefix + "a.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(store.get(Buckets.DATA, prefix + "b.png")).isEqualTo(png);
        assertThat(store.find(Buckets.DATA, prefix + "a.txt")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(store.find(Buckets.DATA, prefix + "missing")).isEmpty();
        assertThat(store.exists(Buckets.DATA, prefix + "a.txt")).isTrue();
        assertThat(store.exists(Buckets.DATA, prefix + "missing")).isFalse();
        assertThat(store.list(Buckets.DATA, prefix)).containsExactly(prefix + "a.txt", prefix + "b.png");

        HttpClient http = HttpClient.newHttpClient();
        String url = store.presignedGet(Buckets.DATA, prefix + "b.png", 60);
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(png);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/png");
        // The signature covers the key: the same query on another key must be refused.
        HttpResponse<byte[]> forged = http.send(HttpRequest.newBuilder(
                URI.create(url.replace("b.png", "a.txt"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(403);

        store.delete(Buckets.DATA, prefix + "a.txt");
        assertThat(store.exists(Buckets.DATA, prefix + "a.txt")).isFalse();
        assertThat(store.list(Buckets.DATA, prefix)).containsExactly(prefix + "b.png");
    }

    @Test
    void expiredPresignedUrlIsRefused() {
        ObjectStore store = LocalStack.shared().objectStore();
        String key = "it/" + UUID.randomUUID() + "/short-lived";
        store.put(Buckets.DATA, key, new byte[] {1}, "application/octet-stream");
        String url = store.presignedGet(Buckets.DATA, key, 1);
        HttpClient http = HttpClient.newHttpClient();

        // Valid for one second, then refused: polled, since only the server's clock decides.
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> http.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 403);
    }

    @Test
    void largeStreamOfUnknownLengthIsUploadedInParts() {
        ObjectStore store = LocalStack.shared().objectStore();
        // Larger than ObjectStore's 10 MiB part size, so the MinIO client uses a multipart upload.
        byte[] big = new byte[11 * 1024 * 1024 + 17];
        new Random(42).nextBytes(big);
        String key = "it/" + UUID.randomUUID() + "/big.bin";

        store.put(Buckets.DATA, key, new ByteArrayInputStream(big), "application/octet-stream");

        assertThat(store.get(Buckets.DATA, key)).isEqualTo(big);
    }

    @Test
    void wrongCredentialsAreRefused() {
        LocalStack stack = LocalStack.shared();
        ObjectStore wrong = new ObjectStore(stack.s3Endpoint(), stack.s3AccessKey(), "not-the-secret");

        assertThatThrownBy(() -> wrong.put(Buckets.DATA, "it/denied", new byte[] {1}, "application/octet-stream"))
                .cause().isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
        assertThat(stack.objectStore().exists(Buckets.DATA, "it/denied")).isFalse();
    }

    @Test
    void modelRegistryPublishesFindsAndVerifiesModels() {
        ModelRegistry registry = new ModelRegistry(LocalStack.shared().objectStore());
        String modelId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] v1 = identityModel("v1");
        byte[] v2 = identityModel("v2");

        registry.publish(modelId, "1", "stylize", 1, "identity", v1, null, null, Map.of());
        ModelManifest published = registry.publish(modelId, "2", "stylize", 1, "identity", v2, "job-1", "tenant-a",
                Map.of("styleWeight", "5"));

        ModelManifest latest = registry.latest(modelId).orElseThrow();
        assertThat(latest).isEqualTo(published);
        assertThat(latest.sha256()).isEqualTo(ModelRegistry.sha256(v2));
        assertThat(registry.download(latest)).isEqualTo(v2);
        assertThat(registry.versions(modelId)).containsExactly("1", "2");

        // Someone replaces model.onnx behind the manifest's back: the download must refuse it.
        LocalStack.shared().objectStore().put(Buckets.MODELS, ObjectKeys.modelOnnx(modelId, "2"), v1,
                "application/octet-stream");
        assertThatThrownBy(() -> registry.download(latest))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sha256");
    }

    @Test
    void sharedIsOneInstanceAndSurvivesClose() {
        LocalStack first = LocalStack.shared();
        first.close();

        assertThat(LocalStack.shared()).isSameAs(first);
        assertThat(first.objectStore().exists(Buckets.DATA, "it/nothing-here")).isFalse();
        assertThat(first.configProperties()).containsEntry("stylefleet.kafka.bootstrap-servers",
                first.kafkaBootstrapServers()).containsEntry("stylefleet.s3.endpoint", first.s3Endpoint());
    }

    @Test
    void sharedIsOneStackPerJvmEvenAcrossClassLoaders() throws Exception {
        LocalStack here = LocalStack.shared();
        here.objectStore().put(Buckets.DATA, "it/shared-marker", new byte[] {42}, "application/octet-stream");
        // Quarkus tests load application and test classes in their own class loader, so the JVM can
        // hold two copies of LocalStack with separate statics. Both must end up on the same servers.
        try (ReloadingClassLoader loader = new ReloadingClassLoader(LocalStack.class.getClassLoader())) {
            Class<?> otherCopy = loader.loadClass(LocalStack.class.getName());
            assertThat(otherCopy).isNotSameAs(LocalStack.class);
            Object there = otherCopy.getMethod("shared").invoke(null);

            assertThat(otherCopy.getMethod("kafkaBootstrapServers").invoke(there))
                    .isEqualTo(here.kafkaBootstrapServers());
            assertThat(otherCopy.getMethod("s3Endpoint").invoke(there)).isEqualTo(here.s3Endpoint());
            ObjectStore store = (ObjectStore) otherCopy.getMethod("objectStore").invoke(there);
            assertThat(store.get(Buckets.DATA, "it/shared-marker")).containsExactly(42);
            otherCopy.getMethod("close").invoke(there);
        }
        assertThat(accepts(port(here.kafkaBootstrapServers()))).isTrue();
    }

    @Test
    void twoStacksRunSideBySideIndependently() throws Exception {
        try (LocalStack a = LocalStack.start(LocalStackConfig.ephemeral());
                LocalStack b = LocalStack.start(LocalStackConfig.ephemeral())) {
            assertThat(Set.of(port(a.kafkaBootstrapServers()), port(a.s3Endpoint()),
                    port(b.kafkaBootstrapServers()), port(b.s3Endpoint()))).hasSize(4);
            assertThat(a.dataDir()).isNotEqualTo(b.dataDir());

            a.objectStore().put(Buckets.DATA, "only-in-a", new byte[] {1}, "application/octet-stream");
            produce(a, Topics.CANCELS, "job-a", "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(a.objectStore().exists(Buckets.DATA, "only-in-a")).isTrue();
            assertThat(b.objectStore().exists(Buckets.DATA, "only-in-a")).isFalse();
            assertThat(endOffsets(a, Topics.CANCELS)).isEqualTo(1);
            assertThat(endOffsets(b, Topics.CANCELS)).isZero();
        }
    }

    @Test
    void closeReleasesPortsThreadsAndTheTemporaryDirectory() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral());
        int kafkaPort = port(stack.kafkaBootstrapServers());
        int s3Port = port(stack.s3Endpoint());
        Path dir = stack.dataDir();
        assertThat(dir).isDirectory();
        assertThat(accepts(kafkaPort)).isTrue();
        assertThat(accepts(s3Port)).isTrue();

        stack.close();
        stack.close(); // idempotent

        assertThat(accepts(kafkaPort)).as("Kafka port %d after close", kafkaPort).isFalse();
        assertThat(accepts(s3Port)).as("S3 port %d after close", s3Port).isFalse();
        assertThat(dir).doesNotExist();
        // No thread the stack started may keep the JVM alive. (Threads end asynchronously after
        // interruption, so this polls; other tests' client threads existed before and are ignored.)
        await().atMost(DEADLINE).pollInSameThread().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .map(Thread::getName).collect(Collectors.toList())).isEmpty());
    }

    @Test
    void restartOnTheSameDataDirKeepsObjectsAndMessages(@TempDir Path dir) throws Exception {
        LocalStackConfig config = LocalStackConfig.ephemeral().withDataDir(dir);
        String jobId = "job-" + UUID.randomUUID();
        JobEvent sent = JobEvent.of(jobId, "tenant-a", JobKind.TRAIN, JobState.QUEUED, "gateway");
        try (LocalStack first = LocalStack.start(config)) {
            first.objectStore().put(Buckets.DATA, ObjectKeys.result(jobId, "png"), new byte[] {7, 8, 9}, "image/png");
            produce(first, Topics.JOB_EVENTS, jobId, Messages.JOB_EVENT.encode(sent));
        }
        assertThat(dir.resolve("kafka/meta.properties")).exists();

        try (LocalStack second = LocalStack.start(config)) {
            assertThat(second.objectStore().get(Buckets.DATA, ObjectKeys.result(jobId, "png")))
                    .containsExactly(7, 8, 9);
            List<ConsumerRecord<String, byte[]>> got = consumeUntilKey(second, Topics.JOB_EVENTS, jobId);
            assertThat(Messages.JOB_EVENT.decode(got.get(got.size() - 1).value())).isEqualTo(sent);
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void portInUseFailsWithAClearErrorAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName(LocalStackConfig.HOST))) {
            int port = taken.getLocalPort();
            Set<Path> tempsBefore = stackTempDirs();

            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral().withPorts(port, 0)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Kafka")
                    .hasMessageContaining(String.valueOf(port));
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral().withPorts(0, port)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("S3")
                    .hasMessageContaining(String.valueOf(port));

            assertThat(stackTempDirs()).isEqualTo(tempsBefore);
        }
    }

    // ---- helpers ----

    private static void produce(LocalStack stack, String topic, String key, byte[] value) throws Exception {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(conf, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads the topic from the beginning with a fresh consumer group until a record with the key arrives. */
    private static List<ConsumerRecord<String, byte[]>> consumeUntilKey(LocalStack stack, String topic, String key) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        conf.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        matching.add(r);
                    }
                });
                return !matching.isEmpty();
            });
        }
        return matching;
    }

    private static long endOffsets(LocalStack stack, String topic) throws Exception {
        try (Admin admin = admin(stack)) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    d.partitions().stream().collect(Collectors.toMap(
                            p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                            p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static Admin admin(LocalStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LocalStackConfig.HOST, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("probing port " + port, e);
        }
    }

    private static Set<Path> stackTempDirs() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("stylefleet-local-stack-"))
                    .collect(Collectors.toSet());
        }
    }

    /** Defines its own copy of the local stack's classes (like Quarkus' class loader); the rest is shared. */
    private static final class ReloadingClassLoader extends ClassLoader implements AutoCloseable {
        ReloadingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(LocalStack.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }

        @Override
        public void close() {}
    }

    /** A real, tiny ONNX model (image -> Identity -> output), distinguishable by its doc string. */
    private static byte[] identityModel(String tag) {
        OnnxModelBuilder m = new OnnxModelBuilder("identity", 17).docString(tag)
                .inputOfAnyShape("image", Onnx.TensorProto.DataType.FLOAT);
        m.outputOfAnyShape(m.node("Identity", "output", List.of("image")), Onnx.TensorProto.DataType.FLOAT);
        return m.toByteArray();
    }
}
