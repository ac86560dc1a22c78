package dev.stylefleet.gateway.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobPublisher;
import dev.stylefleet.gateway.jobs.JobRecordWriter;
import dev.stylefleet.gateway.jobs.OwnedJobListener;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.schemas.JobRecord;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Sends callbacks: a signed JSON POST to the job's callbackUrl on its terminal state, and on progress
 * when the job asked for it. One delivery = one id and one body, sent until a 2xx answers or the
 * deadline passes, with exponential back-off and jitter between attempts; every attempt is recorded
 * on the job (and so in its record, visible in {@code callbacks} of the JobView).
 *
 * <p>At most one delivery is in flight per job: each job has a lane holding the delivery in flight,
 * at most one waiting progress delivery (a newer one replaces it: only the latest progress matters)
 * and the terminal delivery (which drops waiting progress). Only the replica that owns the job's events
 * partition delivers (it is the {@link OwnedJobListener} of {@code JobRecorder}); it drops its lanes when the partition is taken away, and
 * the next owner resumes unfinished terminal deliveries from the job's recorded attempts.
 *
 * <p>Body: {@link CallbackBody}. Headers:
 * {@code Stylefleet-Delivery}, {@code Stylefleet-Attempt}, {@code Stylefleet-Signature} (see
 * {@link CallbackSigner}).
 */
@ApplicationScoped
public class CallbackDeliverer implements OwnedJobListener {
    private static final Logger LOG = Logger.getLogger(CallbackDeliverer.class);
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    static final String GAVE_UP = "GAVE_UP";

    private final GatewayConfig.Callbacks config;
    private final CallbackUrlPolicy policy;
    private final JobStore store;
    private final JobRecordWriter records;
    private final ObjectMapper json;
    private final String baseUrl;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    @Inject
    public CallbackDeliverer(GatewayConfig config, CallbackUrlPolicy policy, JobStore store, JobRecordWriter records,
            ObjectMapper json) {
        this.config = config.callbacks();
        this.policy = policy;
        this.store = store;
        this.records = records;
        this.json = json;
        String base = config.publicBaseUrl().orElse("/");
        this.baseUrl = base.endsWith("/") ? base : base + "/";
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.executor = Executors.newScheduledThreadPool(this.config.threads(), r -> {
            Thread t = new Thread(r, "stylefleet-callbacks");
            t.setDaemon(true);
            return t;
        });
    }

    void onStop(@Observes ShutdownEvent e) {
        executor.shutdownNow();
    }

    /** The delivery id of a job's terminal callback: the same on every attempt and every replica. */
    public static String terminalDeliveryId(Job job) {
        return job.id() + "-" + job.state().name().toLowerCase(Locale.ROOT);
    }

    /** The job reached a terminal state: deliver it (unless already delivered or given up). */
    @Override
    public void terminal(Job job) {
        if (job.request() == null || job.request().callbackUrl() == null || !job.state().terminal()) {
            return;
        }
        String id = terminalDeliveryId(job);
        if (finished(job, id)) {
            return;
        }
        lane(job.id()).offer(delivery(job, id, "job.state"), true);
    }

    /** New progress on a job that asked for progress callbacks. */
    @Override
    public void progress(Job job) {
        if (job.request() == null || job.request().callbackUrl() == null
                || !Boolean.TRUE.equals(job.request().callbackProgress()) || job.progress() == null
                || job.state().terminal()) {
            return;
        }
        lane(job.id()).offer(delivery(job, job.id() + "-progress-" + job.progress().step(), "job.progress"), false);
    }

    /** Stops delivering for jobs this replica no longer owns (their partition moved to another replica). */
    @Override
    public void released(Predicate<String> jobId) {
        lanes.entrySet().removeIf(e -> {
            if (jobId.test(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Deliveries waiting or in flight (for metrics and tests). */
    public int active() {
        return lanes.size();
    }

    private static boolean finished(Job job, String deliveryId) {
        return job.callbacks().stream().anyMatch(a -> a.deliveryId().equals(deliveryId)
                && (a.status().equals(DELIVERED) || a.status().equals(GAVE_UP)));
    }

    private Delivery delivery(Job job, String deliveryId, String event) {
        byte[] bytes = CallbackBody.of(json, job, deliveryId, event, baseUrl);
        // Resumed deliveries continue their attempt count and keep their original deadline.
        int previous = 0;
        Instant first = null;
        for (JobRecord.CallbackAttempt a : job.callbacks()) {
            if (a.deliveryId().equals(deliveryId)) {
                previous = Math.max(previous, a.attempt());
                first = first == null || a.at().isBefore(first) ? a.at() : first;
            }
        }
        return new Delivery(job.id(), job.tenant(), deliveryId, job.request().callbackUrl(), bytes, previous, first);
    }

    private Lane lane(String jobId) {
        return lanes.computeIfAbsent(jobId, Lane::new);
    }

    /** One delivery: fixed id, URL and body; {@code attempts} made so far; {@code firstAttempt} for the deadline. */
    private record Delivery(String jobId, String tenant, String id, String url, byte[] body, int attempts,
            Instant firstAttempt) {
        Delivery next(Instant first) {
            return new Delivery(jobId, tenant, id, url, body, attempts + 1, firstAttempt == null ? first : firstAttempt);
        }
    }

    /** The deliveries of one job; all state guarded by the lane's monitor. */
    private final class Lane {
        private final String jobId;
        private Delivery inFlight;
        private Delivery waitingProgress;
        private Delivery waitingTerminal;
        private ScheduledFuture<?> retry;
        private boolean closed;

        Lane(String jobId) {
            this.jobId = jobId;
        }

        synchronized void offer(Delivery d, boolean terminal) {
            if (closed) {
                return;
            }
            if (inFlight != null && inFlight.id().equals(d.id())) {
                return; // the same delivery, already under way
            }
            if (terminal) {
                if (waitingTerminal != null && waitingTerminal.id().equals(d.id())) {
                    return;
                }
                waitingTerminal = d;
                waitingProgress = null;
            } else if (waitingTerminal == null) {
                waitingProgress = d;
            }
            startNext();
        }

        private void startNext() {
            if (inFlight != null || closed) {
                return;
            }
            Delivery next = waitingTerminal != null ? waitingTerminal : waitingProgress;
            if (next == null) {
                lanes.remove(jobId, this);
                return;
            }
            if (next == waitingTerminal) {
                waitingTerminal = null;
            } else {
                waitingProgress = null;
            }
            inFlight = next;
            executor.execute(() -> attempt(this, next));
        }

        synchronized void done(Delivery d) {
            if (inFlight != null && inFlight.id().equals(d.id())) {
                inFlight = null;
            }
            startNext();
        }

        synchronized void retryLater(Delivery d, Duration pause) {
            if (closed) {
                return;
            }
            inFlight = d;
            retry = executor.schedule(() -> attempt(this, d), pause.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized boolean open() {
            return !closed;
        }

        synchronized void close() {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
        }

        synchronized boolean isCurrent(Delivery d) {
            return !closed && inFlight != null && inFlight.id().equals(d.id());
        }
    }

    private void attempt(Lane lane, Delivery previous) {
        if (!lane.open()) {
            return;
        }
        Instant now = Instant.now();
        Delivery d = previous.next(now);
        MDC.put("jobId", d.jobId());
        try {
            CallbackUrlPolicy.Verdict verdict = policy.check(d.url());
            if (!verdict.allowed()) {
                finish(lane, d, GAVE_UP, null, "CALLBACK_URL_FORBIDDEN: " + verdict.reason());
                return;
            }
            String secret = config.effectiveSecrets().get(d.tenant());
            if (secret == null) {
                finish(lane, d, GAVE_UP, null, "no callback secret is configured for tenant " + d.tenant());
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header(CallbackSigner.DELIVERY_HEADER, d.id())
                    .header(CallbackSigner.ATTEMPT_HEADER, Integer.toString(d.attempts()))
                    .header(CallbackSigner.SIGNATURE_HEADER, CallbackSigner.header(secret, now.getEpochSecond(), d.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenCompleteAsync((response, error) -> outcome(lane, d, response, error), executor);
        } catch (RuntimeException e) {
            outcome(lane, d, null, e);
        } finally {
            MDC.remove("jobId");
        }
    }

    private void outcome(Lane lane, Delivery d, HttpResponse<Void> response, Throwable error) {
        if (!lane.isCurrent(d)) {
            return;
        }
        MDC.put("jobId", d.jobId());
        try {
            if (response != null && response.statusCode() / 100 == 2) {
                finish(lane, d, DELIVERED, response.statusCode(), null);
                return;
            }
            String why = response != null ? "the receiver answered " + response.statusCode()
                    : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
            Duration pause = backoff(d.attempts());
            Instant deadline = d.firstAttempt().plus(config.deadline());
            if (Instant.now().plus(pause).isAfter(deadline)) {
                finish(lane, d, GAVE_UP, response == null ? null : response.statusCode(),
                        why + "; deadline " + deadline + " reached after " + d.attempts() + " attempts");
                return;
            }
            record(d, FAILED, response == null ? null : response.statusCode(), why);
            LOG.debugf("callback %s attempt %d failed (%s); next in %s", d.id(), d.attempts(), why, pause);
            lane.retryLater(d, pause);
        } finally {
            MDC.remove("jobId");
        }
    }

    private void finish(Lane lane, Delivery d, String status, Integer httpStatus, String error) {
        record(d, status, httpStatus, error);
        if (!status.equals(DELIVERED)) {
            LOG.warnf("callback %s %s after %d attempts: %s", d.id(), status, d.attempts(), error);
        }
        lane.done(d);
    }

    /** initial x 2^(n-1), capped, then drawn from [(1 - jitter) x that, that]. */
    Duration backoff(int attempts) {
        double base = config.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, config.maxBackoff().toMillis());
        double low = capped * (1 - Math.min(1, Math.max(0, config.jitter())));
        return Duration.ofMillis((long) (low + ThreadLocalRandom.current().nextDouble() * (capped - low)));
    }

    private void record(Delivery d, String status, Integer httpStatus, String error) {
        JobRecord.CallbackAttempt a = new JobRecord.CallbackAttempt(d.id(), d.attempts(), Instant.now(), status,
                httpStatus, error == null ? null : abbreviate(error));
        store.update(d.jobId(), j -> j == null ? null : j.withAttempt(a));
        try {
            records.write(d.jobId());
        } catch (JobPublisher.EnqueueException e) {
            LOG.warnf(e, "callback %s: could not record attempt %d", d.id(), d.attempts());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
