package dev.stylefleet.gateway.bench;

import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Fleet overhead and throughput on loopback: an ephemeral local stack, the packaged gateway and two
 * packaged inference workers as child processes, then
 * <ol>
 *   <li>latency: {@value #LATENCY_JOBS} bicubic-x4 jobs on a 256 x 256 PNG, one at a time. For each, the
 *       client's end-to-end time (POST /v1/jobs sent until the job's SSE stream delivers SUCCEEDED) minus
 *       the worker's own time on the job (the {@code timings} its SUCCEEDED event carries, measured by the
 *       worker: model lookup and input fetch, decode, inference, encode, result upload) is the fleet
 *       overhead: HTTP, validation, the input's hand-over, the Kafka hand-offs both ways (including the
 *       worker's own RUNNING and SUCCEEDED events), the gateway's state fold and the push to the client.
 *       The submit's share is split by the gateway's {@code Server-Timing} header;</li>
 *   <li>throughput: {@value #THROUGHPUT_JOBS} such jobs submitted by {@value #CLIENTS} concurrent clients,
 *       jobs per second from the first submit to the last SUCCEEDED.</li>
 * </ol>
 * Writes the "## Gateway" section of docs/benchmarks.md. Run from the repository root, after building
 * api-gateway and worker-infer ({@code package}):
 * <pre>
 * ./mvnw -q -pl api-gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stylefleet.gateway.bench.FleetOverheadBenchmark
 * </pre>
 * Arguments: {@code [ROOT] [--warmup-seconds S] [--jobs N] [--throughput-jobs N] [--no-write]}: the
 * repository root (by default the working directory or its parent), the length of the small-job warm-up
 * (90 s), the number of latency jobs ({@value #LATENCY_JOBS}) and of
 * throughput jobs ({@value #THROUGHPUT_JOBS}; 0 skips that part), and whether to leave docs/benchmarks.md
 * alone (quick runs while tuning).
 */
public final class FleetOverheadBenchmark {
    static final int WARMUP_JOBS = 20;
    /**
     * Before the measured jobs: small jobs from {@link #CLIENTS} clients for this long. A service in
     * steady state runs JIT-compiled code in the broker, gateway and workers; twenty jobs leave most of
     * the Kafka and HTTP paths interpreted (a produce acknowledgement on this stack takes about 4 ms
     * cold and about 1.2 ms after a few thousand messages), which would measure start-up, not overhead.
     */
    static final Duration WARMUP = Duration.ofSeconds(90);
    /** Side of the warm-up jobs' images: the same path at negligible compute. */
    static final int WARMUP_SIDE = 32;
    static final int LATENCY_JOBS = 200;
    static final int THROUGHPUT_JOBS = 200;
    static final int CLIENTS = 8;
    static final int SIDE = 256;
    static final String MODEL = "bicubic-x4";
    static final String KEY = "local-dev-key";
    static final Duration READY = Duration.ofSeconds(180);
    /** A job not done by then fails the run (a broken worker must not hang it). */
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String gateway;
    private final byte[] image = TestImages.png(SIDE, SIDE);
    private final byte[] warmupImage = TestImages.png(WARMUP_SIDE, WARMUP_SIDE);

    FleetOverheadBenchmark(String gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(cwd.resolve("api-gateway")) ? cwd : cwd.getParent();
        int latencyJobs = LATENCY_JOBS;
        int throughputJobs = THROUGHPUT_JOBS;
        boolean writeDocs = true;
        Duration warmup = WARMUP;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--jobs" -> latencyJobs = Integer.parseInt(args[++i]);
                case "--throughput-jobs" -> throughputJobs = Integer.parseInt(args[++i]);
                case "--no-write" -> writeDocs = false;
                default -> root = Path.of(args[i]).toAbsolutePath().normalize();
            }
        }
        Path logs = Files.createDirectories(root.resolve("api-gateway/target/bench"));
        List<Process> processes = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            Map<String, String> common = new LinkedHashMap<>(stack.configProperties());
            common.put("smallrye.config.mapping.validate-unknown", "false");
            common.put("quarkus.http.host", "127.0.0.1");
            int gatewayPort = FreePorts.pick();
            // Private copies of both builds: a rebuild of either module during the run cannot pull the
            // jars away from the running services.
            Path gatewayApp = copy(root.resolve("api-gateway/target/quarkus-app"), logs.resolve("gateway-app"));
            Path workerApp = copy(root.resolve("worker-infer/target/quarkus-app"), logs.resolve("worker-infer-app"));
            // Health is on the gateway's management interface, a port of its own.
            int gatewayManagementPort = FreePorts.pick();
            Map<String, String> gatewayConfig = new LinkedHashMap<>(common);
            gatewayConfig.put("quarkus.management.port", Integer.toString(gatewayManagementPort));
            processes.add(start(gatewayApp.resolve("quarkus-run.jar"), gatewayConfig, gatewayPort, logs.resolve("gateway.log")));
            for (int i = 1; i <= 2; i++) {
                Map<String, String> worker = new LinkedHashMap<>(common);
                worker.put("stylefleet.infer.worker-id", "bench-worker-" + i);
                processes.add(start(workerApp.resolve("quarkus-run.jar"), worker, FreePorts.pick(),
                        logs.resolve("worker-" + i + ".log")));
            }
            String gateway = "http://127.0.0.1:" + gatewayPort;
            awaitReady("http://127.0.0.1:" + gatewayManagementPort);
            FleetOverheadBenchmark bench = new FleetOverheadBenchmark(gateway);
            bench.awaitModel();
            int warmupJobs = bench.warmUp(warmup);
            System.out.printf("warm-up: %d small jobs in %s%n", warmupJobs, warmup);
            for (int i = 0; i < WARMUP_JOBS; i++) {
                bench.runOne();
            }
            bench.latencies.clear();
            for (int i = 0; i < latencyJobs; i++) {
                bench.runOne();
            }
            Map<String, Timing> sequential = new HashMap<>(bench.latencies);
            Instant t0 = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Timing>> all = new ArrayList<>();
            for (int i = 0; i < throughputJobs; i++) {
                all.add(pool.submit(() -> bench.runOne()));
            }
            List<Timing> concurrent = new ArrayList<>();
            for (Future<Timing> f : all) {
                concurrent.add(f.get());
            }
            double seconds = Duration.between(t0, Instant.now()).toNanos() / 1e9;
            pool.shutdown();

            Map<String, WorkerSide> events = events(stack.kafkaBootstrapServers());
            Map<String, List<Double>> rows = new LinkedHashMap<>();
            for (String row : ROWS) {
                rows.put(row, new ArrayList<>());
            }
            for (Map.Entry<String, Timing> e : sequential.entrySet()) {
                WorkerSide w = events.get(e.getKey());
                Timing t = e.getValue();
                double total = (t.doneNanos() - t.startNanos()) / 1e6;
                double own = w.timings().totalMs();
                double submit = (t.acceptedNanos() - t.startNanos()) / 1e6;
                rows.get(OVERHEAD).add(total - own);
                rows.get(OVERHEAD_STRICT).add(total - w.timings().computeMs());
                rows.get(END_TO_END).add(total);
                rows.get(WORKER_OWN).add(own);
                rows.get(WORKER_FETCH).add(w.timings().fetchMs());
                rows.get(WORKER_COMPUTE).add(w.timings().computeMs());
                rows.get(WORKER_STORE).add(w.timings().storeMs());
                rows.get(SUBMIT).add(submit);
                double timed = 0;
                for (String stage : SUBMIT_STAGES) {
                    double ms = t.serverTiming().getOrDefault(stage, 0.0);
                    timed += ms;
                    rows.get(SUBMIT + ": " + stage).add(ms);
                }
                rows.get(SUBMIT + ": HTTP, multipart parsing, response").add(submit - timed);
                // Wall clocks of one machine: the client's and the worker's (other JVMs, same clock).
                rows.get(TO_WORKER).add(Duration.between(t.acceptedAt(), w.running()).toNanos() / 1e6);
                rows.get(WORKER_MESSAGING).add(Duration.between(w.running(), w.succeeded()).toNanos() / 1e6 - own);
                rows.get(TO_CLIENT).add(Duration.between(w.succeeded(), t.doneAt()).toNanos() / 1e6);
            }
            String section = section(rows, warmup, sequential.size(), concurrent.size(), seconds, load,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println(section);
            if (writeDocs) {
                write(root.resolve("docs/benchmarks.md"), section);
            }
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    private final Map<String, Timing> latencies = Collections.synchronizedMap(new HashMap<>());

    /** One job seen from the client: monotonic times for durations, wall times to compare with events. */
    record Timing(long startNanos, long acceptedNanos, long doneNanos, Instant acceptedAt, Instant doneAt,
            Map<String, Double> serverTiming) {}

    /** One job seen from the events topic: the worker's RUNNING and SUCCEEDED times and its own timings. */
    record WorkerSide(Instant running, Instant succeeded, JobEvent.Timings timings) {}

    static final String OVERHEAD = "**fleet overhead** (end to end − worker's own time)";
    static final String OVERHEAD_STRICT = "fleet overhead, worker's storage I/O counted as overhead too (end to end − worker's compute)";
    static final String END_TO_END = "end to end";
    static final String WORKER_OWN = "worker's own time (its `timings`)";
    static final String WORKER_FETCH = "· fetch: model lookup, input";
    static final String WORKER_COMPUTE = "· compute: decode, inference, encode";
    static final String WORKER_STORE = "· store: result upload";
    static final String SUBMIT = "of the overhead: submit (POST → 202)";
    static final List<String> SUBMIT_STAGES = List.of("validate", "store", "enqueue");
    static final String TO_WORKER = "of the overhead: 202 → worker's RUNNING";
    static final String WORKER_MESSAGING = "of the overhead: worker's RUNNING → SUCCEEDED outside its own time";
    static final String TO_CLIENT = "of the overhead: worker's SUCCEEDED → client";
    static final List<String> ROWS = List.of(OVERHEAD, OVERHEAD_STRICT, END_TO_END, WORKER_OWN, WORKER_FETCH,
            WORKER_COMPUTE, WORKER_STORE, SUBMIT, SUBMIT + ": validate", SUBMIT + ": store",
            SUBMIT + ": enqueue", SUBMIT + ": HTTP, multipart parsing, response", TO_WORKER, WORKER_MESSAGING, TO_CLIENT);

    /** Small jobs from {@link #CLIENTS} concurrent clients until {@code duration} has passed. */
    int warmUp(Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    runOne(warmupImage);
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : clients) {
            total += f.get();
        }
        pool.shutdown();
        latencies.clear();
        return total;
    }

    Timing runOne() throws Exception {
        return runOne(image);
    }

    /** One job: POST, then follow its SSE stream to SUCCEEDED. */
    Timing runOne(byte[] image) throws Exception {
        String boundary = "bench" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] f : new String[][] {{"task", "super-resolve"}, {"model", MODEL}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"in.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        Instant acceptedAt = Instant.now();
        if (r.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + r.body());
        }
        String id = m.group(1);
        Succeeded done = awaitSucceeded(http, gateway, KEY, id, JOB_TIMEOUT);
        Timing t = new Timing(start, accepted, done.nanos(), acceptedAt, done.at(),
                serverTiming(r.headers().firstValue("Server-Timing").orElse("")));
        latencies.put(id, t);
        return t;
    }

    /** When the client read a job's SUCCEEDED on its event stream: {@link System#nanoTime()} and the wall clock. */
    record Succeeded(long nanos, Instant at) {}

    /**
     * Follows {@code GET /v1/jobs/{id}/events} until the stream ends; the moment SUCCEEDED arrived. A FAILED or
     * CANCELLED job, or a stream that ends without SUCCEEDED, is an error of the run.
     */
    static Succeeded awaitSucceeded(HttpClient http, String gateway, String key, String id, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(
                URI.create(gateway + "/v1/jobs/" + id + "/events")).header("Authorization", "Bearer " + key)
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofLines());
        Succeeded done = null;
        for (String line : (Iterable<String>) events.body()::iterator) {
            if (line.startsWith("data:") && line.contains("\"state\":\"SUCCEEDED\"")) {
                done = new Succeeded(System.nanoTime(), Instant.now());
            } else if (line.startsWith("data:") && (line.contains("\"state\":\"FAILED\"") || line.contains("\"state\":\"CANCELLED\""))) {
                throw new IllegalStateException("job " + id + " did not succeed: " + line);
            }
        }
        if (done == null) {
            throw new IllegalStateException("the event stream of job " + id + " ended without SUCCEEDED");
        }
        return done;
    }

    /** {@code name;dur=1.23, other;dur=4.5} as name → milliseconds. */
    static Map<String, Double> serverTiming(String header) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([A-Za-z0-9_-]+);dur=([0-9.]+)").matcher(header);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** RUNNING and SUCCEEDED times and worker timings of every job, from the events topic. */
    static Map<String, WorkerSide> events(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Instant[]> times = new HashMap<>();
        Map<String, JobEvent.Timings> timings = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.JOB_EVENTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    JobEvent e = Messages.JOB_EVENT.decode(r.value());
                    Instant[] t = times.computeIfAbsent(e.jobId(), k -> new Instant[2]);
                    if (e.state() == JobState.RUNNING && t[0] == null) {
                        t[0] = e.at();
                    } else if (e.state() == JobState.SUCCEEDED) {
                        t[1] = e.at();
                        if (e.result() != null && e.result().timings() != null) {
                            timings.put(e.jobId(), e.result().timings());
                        }
                    }
                }
            }
        }
        Map<String, WorkerSide> out = new HashMap<>();
        times.forEach((id, t) -> {
            if (t[0] != null && t[1] != null && timings.containsKey(id)) {
                out.put(id, new WorkerSide(t[0], t[1], timings.get(id)));
            }
        });
        return out;
    }

    void awaitModel() throws Exception {
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/models"))
                    .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"" + MODEL + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(MODEL + " not in the registry after " + READY);
    }

    static void awaitReady(String base) throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (c.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(base + " not ready after " + READY);
    }

    static Process start(Path runner, Map<String, String> config, int port, Path log) throws IOException {
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing: package that module first");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g"));
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-jar");
        cmd.add(runner.toString());
        File out = log.toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
    }

    /** Copies a directory tree (replacing an earlier copy). */
    static Path copy(Path from, Path to) throws IOException {
        if (!Files.exists(from.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(from + " has no quarkus-run.jar: package that module first");
        }
        if (Files.exists(to)) {
            try (var old = Files.walk(to)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }


    static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String section(Map<String, List<Double>> rows, Duration warmup, int latencyJobs, int throughputJobs, double seconds,
            String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder();
        s.append("## Gateway\n\n");
        s.append("Fleet overhead of one ").append(SIDE).append(" x ").append(SIDE).append(" `").append(MODEL)
                .append("` job on loopback: the client's end-to-end time (POST `/v1/jobs` sent → SUCCEEDED pushed on ")
                .append("`/v1/jobs/{id}/events`) minus the worker's own time on the job, as the worker measured it and ")
                .append("reported it in its SUCCEEDED event (`result.timings`: model lookup and input fetch, decode, ")
                .append("inference, encode, result upload). What remains is HTTP, validation, the input's hand-over, ")
                .append("the Kafka hand-offs both ways (the worker's RUNNING and SUCCEEDED events included), the ")
                .append("gateway's state fold and the push to the client. The submit is split by the gateway's ")
                .append("`Server-Timing` header. ").append(latencyJobs).append(" jobs one at a time after a warm-up (")
                .append(warmup.toSeconds()).append(" s of ").append(WARMUP_SIDE).append("² jobs from ").append(CLIENTS)
                .append(" clients, so that broker, gateway and workers run compiled code as a busy service does, then ")
                .append(WARMUP_JOBS).append(" full-size jobs); ephemeral local stack, packaged gateway, two packaged inference workers, ")
                .append("default configuration (inputs up to 256 KiB travel inline in the job message; this PNG is ")
                .append(String.format(Locale.ROOT, "%.0f KiB", TestImages.png(SIDE, SIDE).length / 1024.0))
                .append(").\n\n");
        s.append("| | p50 (ms) | p95 (ms) |\n|---|---|---|\n");
        rows.forEach((name, values) -> {
            if (!values.isEmpty()) {
                s.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, percentile(values, 0.5),
                        percentile(values, 0.95)));
            }
        });
        if (throughputJobs > 0) {
            s.append(String.format(Locale.ROOT, "%nSustained throughput, two inference workers: %d jobs from %d "
                    + "concurrent clients in %.1f s = **%.1f jobs/s**.%n", throughputJobs, CLIENTS, seconds,
                    throughputJobs / seconds));
        }
        s.append("\nTarget: fleet overhead p50 at most 25 ms. CPU: ").append(cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. Machine load (/proc/loadavg) before: `")
                .append(loadBefore).append("`, after: `").append(loadAfter).append("`.\n\n");
        s.append("Command (repository root, after `./mvnw -q -pl api-gateway package -DskipTests` and the same for worker-infer):\n\n");
        s.append("```sh\n./mvnw -q -pl api-gateway test-compile exec:java -Dexec.classpathScope=test \\\n"
                + "    -Dexec.mainClass=dev.stylefleet.gateway.bench.FleetOverheadBenchmark\n```\n");
        return s.toString();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Replaces the "## Gateway" section of the file (up to the next "## " heading), or appends it. */
    static void write(Path file, String section) throws IOException {
        write(file, "Gateway", section);
    }

    /** Replaces the "## {heading}" section of the file (up to the next "## " heading), or appends it. */
    static void write(Path file, String heading, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int start = text.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            text = text.stripTrailing() + "\n\n" + section;
        } else {
            int next = text.indexOf("\n## ", start + 1);
            text = text.substring(0, start + 1) + section + (next < 0 ? "" : "\n" + text.substring(next + 1));
        }
        Files.writeString(file, text);
    }
}
