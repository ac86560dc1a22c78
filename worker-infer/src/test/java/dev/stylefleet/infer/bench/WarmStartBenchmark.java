package dev.stylefleet.infer.bench;

import dev.stylefleet.infer.builtin.BuiltinAssets;
import dev.stylefleet.infer.builtin.BuiltinIndex;
import dev.stylefleet.infer.builtin.BuiltinModels;
import dev.stylefleet.infer.messaging.InferWorker;
import dev.stylefleet.infer.messaging.InferWorkerConfig;
import dev.stylefleet.infer.builtin.WarmPolicy;
import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Cold versus warm: how long the first stylize job of a built-in style takes right after a worker
 * starts, compared with the jobs after it, with and without warming at start
 * ({@code stylefleet.infer.warm}). Target (issue 12): the first job at most 1.5x a warm one.
 *
 * <p>The parent starts a local stack (embedded Kafka + S3 server) and publishes the built-ins; each
 * scenario then runs in a <em>fresh JVM</em> (a child process on the same class path), because a cold
 * start is also cold JIT-compiled Java, which a second worker in the same JVM would not see. A child
 * publishes (as the service does), warms what its policy selects, starts an {@link InferWorker}, waits
 * until the worker owns the job topic's partitions (so the group join is not counted), then submits
 * one job at a time and times each from submit to its SUCCEEDED event; the event's own timings split
 * it into load (model lookup, input fetch, session) and run (decode, model, encode).
 *
 * <p>The built-in used: the first style of the jar's {@code builtin/styles/index.json} when it lists
 * any, else (or with {@code --generated}) a random-weight network of the real built-ins' layout (the
 * paper's Table 1 net with instance norm, {@link StyleNetOnnx}) in a generated root.
 *
 * <p>Run (prints the figures; builds the class path first):
 * <pre>
 *   ./mvnw -q -o -pl worker-infer -am test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 *   java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
 *       -cp worker-infer/target/test-classes:worker-infer/target/classes:$(cat worker-infer/target/bench.classpath) \
 *       dev.stylefleet.infer.bench.WarmStartBenchmark [--size 512] [--jobs 5] [--repeats 2] [--threads N] [--warm-size PX] [--generated]
 * </pre>
 */
public final class WarmStartBenchmark {
    static final String RESULT = "RESULT ";
    static final String TENANT = "bench";
    static final Duration DEADLINE = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        if (a.containsKey("child")) {
            child(a);
            return;
        }
        quiet();
        int size = Integer.parseInt(a.getOrDefault("size", "512"));
        int jobs = Integer.parseInt(a.getOrDefault("jobs", "5"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "2"));
        int warmSize = Integer.parseInt(a.getOrDefault("warm-size", "512"));
        int threads = Integer.parseInt(a.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        Path work = Files.createTempDirectory("warm-start-bench");
        String root;
        String style;
        BuiltinIndex jar = BuiltinAssets.at(BuiltinAssets.DEFAULT_ROOT).read("styles/index.json")
                .map(b -> BuiltinIndex.parse(b, "styles/index.json")).orElse(BuiltinIndex.EMPTY);
        if (!a.containsKey("generated") && !jar.ids().isEmpty()) {
            root = BuiltinAssets.DEFAULT_ROOT;
            style = jar.ids().get(0);
        } else {
            style = "bench-style";
            root = GeneratedBuiltins.writeStyles(work.resolve("builtin"), List.of(style),
                    new StyleNetOnnx.Spec(32, 64, 128, 5, true, StyleNetOnnx.Upsample.DECONV, 2016)).toString();
        }
        System.out.printf(Locale.ROOT, "warm-start benchmark: built-in %s from %s, %dx%d PNG jobs, warm-size %d, "
                + "%d intra-op threads, %d timed jobs after the first, %d fresh JVMs per scenario; %s, load %s%n", style,
                root, size, size, warmSize, threads, jobs, repeats, cpu(), Files.readString(Path.of("/proc/loadavg")).trim());

        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            ModelRegistry registry = new ModelRegistry(stack.objectStore());
            BuiltinModels.publishAll(registry, stack.objectStore(), BuiltinAssets.at(root));
            List<String> cp = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (System.getProperty("java.util.logging.manager") != null) {
                cp.add("-Djava.util.logging.manager=" + System.getProperty("java.util.logging.manager"));
            }
            cp.addAll(List.of("-cp",
                    System.getProperty("java.class.path"), WarmStartBenchmark.class.getName(), "--child",
                    "--kafka", stack.kafkaBootstrapServers(), "--s3", stack.s3Endpoint(), "--access-key",
                    stack.s3AccessKey(), "--secret-key", stack.s3SecretKey(), "--root", root, "--style", style,
                    "--size", Integer.toString(size), "--jobs", Integer.toString(jobs), "--threads", Integer.toString(threads), "--warm-size", Integer.toString(warmSize)));
            List<String[]> rows = new ArrayList<>();
            // Alternating, so that a slow phase of a shared machine does not land on one scenario only.
            for (int r = 0; r < repeats; r++) {
                for (String warm : List.of(WarmPolicy.NONE, WarmPolicy.BUILTIN_STYLES)) {
                    List<String> cmd = new ArrayList<>(cp);
                    cmd.addAll(List.of("--warm", warm));
                    Path log = work.resolve("child-" + warm + "-" + r + ".log");
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
                    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                        p.destroyForcibly();
                        throw new IllegalStateException("scenario " + warm + " failed; log: " + log + "\n"
                                + Files.readString(log));
                    }
                    String line = Files.readAllLines(log).stream().filter(l -> l.startsWith(RESULT)).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no result in " + log));
                    String[] f = line.substring(RESULT.length()).split(" ");
                    rows.add(f);
                    System.out.println(line);
                }
            }
            print(rows);
        }
    }

    /** One fresh worker: publish, warm per --warm, start, then the first and the following jobs. */
    static void child(Map<String, String> a) throws Exception {
        quiet();
        String kafka = a.get("kafka");
        ObjectStore store = new ObjectStore(a.get("s3"), a.get("access-key"), a.get("secret-key"));
        ModelRegistry registry = new ModelRegistry(store);
        String style = a.get("style");
        int size = Integer.parseInt(a.get("size"));
        int jobs = Integer.parseInt(a.get("jobs"));
        String warm = a.get("warm");
        long t0 = System.nanoTime();
        BuiltinModels.Published published = BuiltinModels.publishAll(registry, store, BuiltinAssets.at(a.get("root")));
        String group = "warm-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            createAtEnd(admin, group);
            InferWorker worker = new InferWorker(InferWorkerConfig.of(Map.of("stylefleet.kafka.bootstrap-servers", kafka,
                    "stylefleet.infer.group-id", group, "stylefleet.infer.worker-id", group,
                    "stylefleet.infer.threads", a.get("threads"))), store, registry);
            List<ModelManifest> selected = WarmPolicy.parse(List.of(warm)).select(published.all());
            long w0 = System.nanoTime();
            worker.warm(selected, Integer.parseInt(a.get("warm-size")));
            double warmMs = (System.nanoTime() - w0) / 1e6;
            double startMs = (System.nanoTime() - t0) / 1e6;
            try (JobEventTap tap = new JobEventTap(kafka); KafkaProducer<String, byte[]> producer = producer(kafka)) {
                worker.start();
                awaitAssigned(admin, group);
                double[] e2e = new double[jobs + 1];
                double[] load = new double[jobs + 1];
                double[] run = new double[jobs + 1];
                for (int i = 0; i <= jobs; i++) {
                    String jobId = "warm-" + group + "-" + i;
                    byte[] png = png(size, i);
                    store.put(Buckets.DATA, ObjectKeys.input(TENANT, jobId), png, "image/png");
                    long s = System.nanoTime();
                    producer.send(new ProducerRecord<>(Topics.INFER_JOBS, Topics.key(jobId),
                            Messages.INFER_JOB_REQUESTED.encode(new InferJobRequested(Messages.SCHEMA_VERSION, jobId,
                                    TENANT, InferJobRequested.TASK_STYLIZE, style, ObjectKeys.input(TENANT, jobId), "png",
                                    InferOptions.defaults(), Instant.now())))).get(10, TimeUnit.SECONDS);
                    List<JobEvent> events = null;
                    long deadline = System.nanoTime() + DEADLINE.toNanos();
                    while (events == null && System.nanoTime() < deadline) {
                        events = tap.terminal(jobId);
                    }
                    e2e[i] = (System.nanoTime() - s) / 1e6;
                    if (events == null || events.get(events.size() - 1).state() != JobState.SUCCEEDED) {
                        throw new IllegalStateException("job " + jobId + " did not succeed: " + events);
                    }
                    JobEvent.Timings t = events.get(events.size() - 1).result().timings();
                    load[i] = t.fetchMs();
                    run[i] = t.computeMs();
                }
                worker.stop(Duration.ofSeconds(30));
                double[] restE2e = Arrays.copyOfRange(e2e, 1, e2e.length);
                double[] restRun = Arrays.copyOfRange(run, 1, run.length);
                double[] restLoad = Arrays.copyOfRange(load, 1, load.length);
                System.out.println(RESULT + String.join(" ", warm, f(startMs), f(warmMs), f(e2e[0]), f(load[0]), f(run[0]),
                        f(median(restE2e)), f(median(restLoad)), f(median(restRun))));
            }
        }
        System.exit(0); // the worker's ONNX Runtime and Kafka threads are done; do not wait on daemon stragglers
    }

    /** Per scenario: medians over its JVMs of each column, and the ratio first / warm. */
    static void print(List<String[]> rows) {
        System.out.println();
        System.out.println("| scenario | start (publish + warm) ms | of which warming ms | first job ms (load / run) "
                + "| next jobs, median ms (load / run) | first / next |");
        System.out.println("|---|---|---|---|---|---|");
        for (String warm : List.of(WarmPolicy.NONE, WarmPolicy.BUILTIN_STYLES)) {
            List<double[]> mine = rows.stream().filter(r -> r[0].equals(warm))
                    .map(r -> Arrays.stream(r, 1, r.length).mapToDouble(Double::parseDouble).toArray()).toList();
            double[] m = new double[8];
            for (int c = 0; c < 8; c++) {
                final int col = c;
                m[c] = median(mine.stream().mapToDouble(r -> r[col]).toArray());
            }
            double ratio = m[2] / m[5];
            System.out.printf(Locale.ROOT, "| warm=%s | %.0f | %.0f | %.0f (%.0f / %.0f) | %.0f (%.0f / %.0f) | %.2fx%s |%n",
                    warm, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], ratio,
                    ratio <= 1.5 ? " (target <= 1.5x met)" : " (target <= 1.5x missed)");
        }
        System.out.println("(ms from submitting the job to its SUCCEEDED event; load = model lookup, input fetch and "
                + "session; run = decode, model, encode; medians over the fresh JVMs)");
    }

    static void awaitAssigned(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            if (d.groupState() == GroupState.STABLE && d.members().stream()
                    .anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("group " + group + " never got its partitions");
    }

    /** A group positioned at the end of the job topic, so its worker sees only this run's jobs. */
    static void createAtEnd(Admin admin, String group) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.INFER_JOBS)).allTopicNames().get()
                .get(Topics.INFER_JOBS).partitions().stream()
                .map(p -> new TopicPartition(Topics.INFER_JOBS, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        admin.alterConsumerGroupOffsets(group, ends).all().get();
    }

    static KafkaProducer<String, byte[]> producer(String kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A photo-like test image: smooth ramps plus seeded noise, different for every job. */
    static byte[] png(int size, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = clamp(255 * x / size + random.nextInt(31) - 15);
                int g = clamp(255 * y / size + random.nextInt(31) - 15);
                int b = clamp(128 + (int) (100 * Math.sin((x + y) / 17.0)) + random.nextInt(31) - 15);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; usage: [--size PX] [--jobs N] "
                        + "[--repeats N] [--threads N] [--warm-size PX] [--generated]");
            }
            String key = args[i].substring(2);
            boolean flag = key.equals("child") || key.equals("generated");
            m.put(key, flag ? "true" : args[++i]);
        }
        return m;
    }

    static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu ?")
                    + " x" + Runtime.getRuntime().availableProcessors();
        } catch (IOException e) {
            return "cpu ?";
        }
    }

    /** The embedded broker and S3 server log every step at INFO; only warnings matter here. */
    static void quiet() {
        for (String name : List.of("org.apache.kafka", "kafka", "org.gaul", "org.eclipse.jetty", "org.jclouds")) {
            Logger l = Logger.getLogger(name);
            l.setLevel(Level.WARNING);
            QUIETED.add(l);
        }
    }

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIETED = new ArrayList<>();
}
