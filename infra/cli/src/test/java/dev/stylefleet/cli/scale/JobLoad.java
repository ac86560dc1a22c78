package dev.stylefleet.cli.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.cli.MultipartBody;
import dev.stylefleet.schemas.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import javax.imageio.ImageIO;

/**
 * Concurrent HTTP clients submitting small super-resolution jobs ({@code bicubic-x4} on generated 32-64 px
 * PNGs) to the gateway, closed loop: each client submits a job, waits in the {@link JobEventLog} for it to
 * end (or for {@link Settings#jobTimeout}, then goes on: the accounting finds such a job later), and
 * submits the next. An optional rate caps the submissions of all clients together.
 */
public final class JobLoad implements AutoCloseable {
    /** The model of every job: built in, cheap, and the same for every worker. */
    public static final String MODEL = "bicubic-x4";
    private static final int IMAGES = 16;
    private static final int MIN_SIDE = 32;
    /** The largest input side of the load (the workers warm their sessions at it). */
    public static final int MAX_SIDE = 64;

    /**
     * @param clients    concurrent clients (threads, each with at most one job outstanding)
     * @param jobsPerSecond cap on submissions of all clients together; 0 = none
     * @param jobTimeout how long a client waits for its job before submitting the next
     */
    public record Settings(int clients, double jobsPerSecond, Duration jobTimeout) {}

    /** A job the gateway accepted (202). */
    public record Accepted(String jobId, Instant at) {}

    private final String gatewayUrl;
    private final String apiKey;
    private final JobEventLog events;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<byte[]> images;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
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
        this.images = images(new Random(14));
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
                String id = submit(images.get(random.nextInt(images.size())));
                if (id != null) {
                    events.awaitTerminal(id, settings.jobTimeout());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                refused.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
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

    /** POST /v1/jobs; the job id if accepted, else null (counted as refused). */
    private String submit(byte[] png) throws IOException, InterruptedException {
        MultipartBody form = new MultipartBody().file("image", "load.png", "image/png", png)
                .field("task", "super-resolve").field("model", MODEL);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/jobs"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", form.contentType())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            refused.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            return null;
        }
        String id = Messages.JSON.readTree(r.body()).path("id").asText();
        accepted.add(new Accepted(id, Instant.now()));
        return id;
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

    /** Noise PNGs of assorted sizes: each job's input differs a little, as real uploads do. */
    private static List<byte[]> images(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            int w = MIN_SIDE + random.nextInt(MAX_SIDE - MIN_SIDE + 1);
            int h = MIN_SIDE + random.nextInt(MAX_SIDE - MIN_SIDE + 1);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(png.toByteArray());
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
