package dev.stylefleet.cli.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.cli.MultipartBody;
import dev.stylefleet.schemas.Messages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent HTTP clients submitting jobs to the gateway (by default small super-resolution jobs,
 * {@code bicubic-x4} on generated 32-64 px PNGs; any {@link JobMix}), closed loop: each client submits a
 * job, waits in the {@link JobEventLog} for it to end (or for {@link Settings#jobTimeout}, then goes on: the
 * accounting finds such a job later), and submits the next. An optional rate caps the submissions of all
 * clients together. A refused submission is answered as a polite client would: after an answer with
 * {@code Retry-After} the client waits that long (at most {@link #MAX_RETRY_AFTER}), after no answer at all
 * (connection refused, timeout) {@link #PAUSE_AFTER_NO_ANSWER}. Every submission's answer is kept
 * ({@link #responses()}): what clients saw during a fault.
 */
public final class JobLoad implements AutoCloseable {
    /** The model of every job: built in, cheap, and the same for every worker. */
    public static final String MODEL = "bicubic-x4";
    /** The largest input side of the load (the workers warm their sessions at it). */
    public static final int MAX_SIDE = 64;

    /** The longest {@code Retry-After} a client honours: a fault run must go on submitting. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    /** A client's pause after a submission that got no answer, so that a closed port is not hammered. */
    public static final Duration PAUSE_AFTER_NO_ANSWER = Duration.ofMillis(250);
    /** Time a submission may take before the client gives up: longer than that is a hang. */
    public static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param clients    concurrent clients (threads, each with at most one job outstanding)
     * @param jobsPerSecond cap on submissions of all clients together; 0 = none
     * @param jobTimeout how long a client waits for its job before submitting the next
     * @param mix        what each submission is
     * @param backOff    a refused client pauses as {@code Retry-After} asks (a polite client); false keeps
     *                   the offered rate whatever the answers (an overload that does not relent)
     */
    public record Settings(int clients, double jobsPerSecond, Duration jobTimeout, JobMix mix, boolean backOff) {
        /** The scale runs' load: {@link JobMix#smallSuperResolve()}. */
        public Settings(int clients, double jobsPerSecond, Duration jobTimeout) {
            this(clients, jobsPerSecond, jobTimeout, JobMix.smallSuperResolve());
        }

        /** Polite clients. */
        public Settings(int clients, double jobsPerSecond, Duration jobTimeout, JobMix mix) {
            this(clients, jobsPerSecond, jobTimeout, mix, true);
        }
    }

    /** A job the gateway accepted (202). */
    public record Accepted(String jobId, Instant at) {}

    /**
     * One submission's answer as the client saw it.
     *
     * @param at         when the request was sent
     * @param latency    until the answer (or the failure) came
     * @param outcome    {@code HTTP <status>}, or the exception's class when there was no answer
     * @param retryAfter the {@code Retry-After} header, if any
     * @param code       the error body's {@code code}, if any
     */
    public record Response(Instant at, Duration latency, String outcome, String retryAfter, String code) {
        public boolean answered() {
            return outcome.startsWith("HTTP ");
        }

        /** The HTTP status, or 0 without an answer. */
        public int status() {
            return answered() ? Integer.parseInt(outcome.substring("HTTP ".length())) : 0;
        }
    }

    private final String gatewayUrl;
    private final String apiKey;
    private final JobEventLog events;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Response> responses = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Next submission slot ({@link System#nanoTime()}) when a rate is set. */
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private volatile boolean running;

    public JobLoad(String gatewayUrl, String apiKey, JobEventLog events, Settings settings) {
        this.gatewayUrl = gatewayUrl;
        this.apiKey = apiKey;
        this.events = events;
        this.settings = settings;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.clients(); i++) {
            Thread t = new Thread(this::client, "load-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops submitting; returns once every client has stopped (a client waiting for its job is interrupted). */
    public synchronized void stop() throws InterruptedException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
        threads.clear();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Every submission's answer, in the order they came. */
    public List<Response> responses() {
        return List.copyOf(responses);
    }

    /** Submissions not accepted, by HTTP status or exception class. */
    public Map<String, Integer> refused() {
        Map<String, Integer> r = new java.util.TreeMap<>();
        refused.forEach((k, v) -> r.put(k, v.get()));
        return r;
    }

    private void client() {
        Random random = new Random(Thread.currentThread().getName().hashCode());
        while (running) {
            try {
                pace();
                if (!running) {
                    return;
                }
                String id = submit(settings.mix().next(random));
                if (id != null) {
                    events.awaitTerminal(id, settings.jobTimeout());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** With a rate: takes the next free slot and waits for it (load shaping, not synchronisation). */
    private void pace() throws InterruptedException {
        if (settings.jobsPerSecond() <= 0) {
            return;
        }
        long interval = (long) (1e9 / settings.jobsPerSecond());
        long slot = nextSlot.getAndUpdate(n -> Math.max(n, System.nanoTime()) + interval);
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * POST /v1/jobs; the job id if accepted, else null (counted as refused, after the pause a polite client
     * takes).
     */
    private String submit(MultipartBody form) throws InterruptedException {
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/jobs"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", form.contentType())
                    .timeout(SUBMIT_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!running) {
                return null;
            }
            String what = e.getClass().getSimpleName();
            responses.add(new Response(at, Duration.ofNanos(System.nanoTime() - t0), what, null, null));
            refused.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(PAUSE_AFTER_NO_ANSWER.toMillis()); // client back-off, not synchronisation
            return null;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
        if (r.statusCode() != 202) {
            responses.add(new Response(at, latency, "HTTP " + r.statusCode(), retryAfter, errorCode(r.body())));
            refused.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (settings.backOff()) {
                Thread.sleep(retryAfterMillis(retryAfter)); // what the server asked for, not synchronisation
            }
            return null;
        }
        responses.add(new Response(at, latency, "HTTP 202", retryAfter, null));
        String id;
        try {
            id = Messages.JSON.readTree(r.body()).path("id").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("a 202 without a JSON body: " + r.body(), e);
        }
        accepted.add(new Accepted(id, Instant.now()));
        return id;
    }

    /** {@code Retry-After} (seconds) as the pause before the next submission, capped; none: no pause. */
    static long retryAfterMillis(String retryAfter) {
        if (retryAfter == null) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return Math.max(0, Math.min(seconds * 1000, MAX_RETRY_AFTER.toMillis()));
        } catch (NumberFormatException httpDate) {
            return MAX_RETRY_AFTER.toMillis(); // an HTTP date: the cap is as polite as this load gets
        }
    }

    /** The API error body's {@code code}, or null when the body is not one. */
    private static String errorCode(String body) {
        try {
            JsonNode code = Messages.JSON.readTree(body).path("code");
            return code.isTextual() ? code.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** The job as the gateway reports it now (GET /v1/jobs/{id}). */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /v1/jobs/" + jobId + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return Messages.JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
