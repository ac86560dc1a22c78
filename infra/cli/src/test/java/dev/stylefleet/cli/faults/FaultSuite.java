package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.Service;
import dev.stylefleet.cli.ServiceProcess;
import dev.stylefleet.cli.scale.JobAccounting;
import dev.stylefleet.cli.scale.JobLoad;
import dev.stylefleet.cli.scale.ScaleHarness;
import dev.stylefleet.infer.bench.GeneratedBuiltins;
import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The fault suite on the real system ({@link ScaleHarness}: embedded broker and S3 server, the packaged
 * gateway and workers as child JVMs): concurrent clients submit {@link MixedJobs} with callbacks to a
 * misbehaving {@link CallbackReceiver} while a schedule of faults hits, one after another with a steady
 * {@link Settings#hold} between them: inference worker SIGKILLs (each replaced by a new worker process),
 * a gateway SIGKILL and restart, the broker stopped and started again in place, the S3 server stopped
 * for {@link Settings#s3Outage} and started again in place. Then the load stops, every accepted job gets
 * {@link Settings#drain} to end and every terminal delivery {@link Settings#callbackWait} to arrive, and
 * the run is accounted ({@link Result}). Shared by {@code FaultSuiteCommand} and {@code FaultSuiteIT}.
 */
public final class FaultSuite {
    /** The tenant {@code local}'s callback secret, the gateway's default (docs/api.md). */
    static final String CALLBACK_SECRET = "local-dev-callback-secret";
    /** A callback attempt's bound at the gateway here, so that held attempts time out quickly. */
    static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(2);
    /** How long the receiver holds a held attempt: past {@link #CALLBACK_TIMEOUT}. */
    static final Duration CALLBACK_HOLD = CALLBACK_TIMEOUT.plusSeconds(1);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    /** Jobs without their callback whose story the result tells (attempts received, the gateway's record). */
    static final int MISSING_SAMPLES = 5;

    /**
     * @param clients        concurrent HTTP clients
     * @param rate           submissions per second of all clients together (0 = as fast as jobs end)
     * @param workers        inference worker processes running (the fleet's own and added ones)
     * @param workerKills    worker SIGKILLs, each replaced
     * @param brokerOutage   how long the broker stays stopped
     * @param s3Outage       how long the S3 server stays stopped
     * @param warmUp         load before the first fault
     * @param hold           steady load after each fault is restored, before the next
     * @param minJobs        the load goes on (after the last fault) until this many jobs were accepted
     * @param drain          after the load stops: how long every accepted job has to end
     * @param callbackWait   then: how long every terminal delivery has to arrive
     * @param workerConfig   more configuration for every service (e.g. a shorter session timeout)
     */
    public record Settings(int clients, double rate, int workers, int workerKills, Duration brokerOutage,
            Duration s3Outage, Duration warmUp, Duration hold, int minJobs, Duration drain, Duration callbackWait,
            Map<String, String> workerConfig) {}

    /** Everything the report and the assertions need. */
    public record Result(Settings settings, JobAccounting jobs, boolean allEnded, List<Fault> faults,
            List<OutageView> outages, List<Recovery> recoveries, CallbackCheck callbacks,
            List<String> missingCallbackSamples, Map<String, Integer> refused, Duration fleetStart, Duration total, Path logs) {}

    private FaultSuite() {}

    public static Result run(Settings s, Path logs) throws Exception {
        Files.createDirectories(logs);
        Path builtins = GeneratedBuiltins.writeStyles(logs.resolve("builtin"), List.of(MixedJobs.STYLE),
                StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.DECONV, 15));
        try (CallbackReceiver receiver = new CallbackReceiver(CALLBACK_SECRET, CALLBACK_HOLD)) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("stylefleet.infer.builtin-root", builtins.toString());
            config.put("stylefleet.infer.warm", JobLoad.MODEL + "," + MixedJobs.STYLE);
            config.put("stylefleet.infer.warm-size", "64");
            config.put("stylefleet.callbacks.allow-list", receiver.hostPort());
            config.put("stylefleet.callbacks.request-timeout", CALLBACK_TIMEOUT.toString());
            config.put("stylefleet.callbacks.initial-backoff", "PT0.5S");
            config.put("stylefleet.callbacks.max-backoff", "PT4S");
            config.putAll(s.workerConfig());
            JobLoad.Settings load = new JobLoad.Settings(s.clients(), s.rate(), JOB_TIMEOUT,
                    new MixedJobs(receiver.url()));
            Instant t0 = Instant.now();
            try (ScaleHarness h = ScaleHarness.start(logs, config, load)) {
                Duration fleetStart = Duration.between(t0, Instant.now());
                while (h.running().size() < s.workers()) {
                    h.addWorker(Map.of());
                }
                List<Fault> faults = new ArrayList<>();
                h.startLoad("");
                progress(h, "load started");
                h.hold(s.warmUp());
                LocalStack stack = h.fleet().stack();
                for (int i = 0; i < s.workerKills(); i++) {
                    ServiceProcess victim = h.running().get(0);
                    Instant at = Instant.now();
                    h.kill(victim);
                    h.addWorker(Map.of());
                    faults.add(new Fault(Fault.Kind.WORKER_SIGKILL, ScaleHarness.workerId(victim), at, Instant.now()));
                    progress(h, "worker " + ScaleHarness.workerId(victim) + " killed and replaced");
                    h.hold(s.hold());
                }
                ServiceProcess gateway = h.fleet().process(Service.GATEWAY);
                Instant gatewayKilled = Instant.now();
                gateway.kill();
                h.fleet().restart(Service.GATEWAY);
                faults.add(new Fault(Fault.Kind.GATEWAY_SIGKILL, "api-gateway", gatewayKilled, Instant.now()));
                progress(h, "gateway killed and restarted");
                h.hold(s.hold());

                Instant brokerStopped = Instant.now();
                stack.stopKafka();
                h.hold(s.brokerOutage());
                stack.startKafka();
                faults.add(new Fault(Fault.Kind.BROKER_RESTART, stack.kafkaBootstrapServers(), brokerStopped,
                        Instant.now()));
                progress(h, "broker restarted");
                h.hold(s.hold());

                Instant s3Stopped = Instant.now();
                stack.stopS3();
                h.hold(s.s3Outage());
                stack.startS3();
                faults.add(new Fault(Fault.Kind.S3_OUTAGE, stack.s3Endpoint(), s3Stopped, Instant.now()));
                progress(h, "S3 restarted");
                h.hold(s.hold());

                if (h.load().accepted().size() < s.minJobs()) {
                    Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> h.load().accepted().size() >= s.minJobs());
                }
                progress(h, "load stopping");
                boolean allEnded = h.finish(s.drain());
                JobAccounting jobs = JobAccounting.of(h.load().accepted(), h.load(), h.events(), stack.objectStore());
                Map<String, String> terminal = jobs.terminal();
                try {
                    Awaitility.await().atMost(s.callbackWait()).pollInterval(Duration.ofMillis(500)).until(() ->
                            CallbackCheck.of(terminal, receiver.attempts()).missing().isEmpty());
                } catch (org.awaitility.core.ConditionTimeoutException reported) {
                    // The report counts the missing deliveries; the samples below say what became of them.
                }
                CallbackCheck callbacks = CallbackCheck.of(terminal, receiver.attempts());
                List<String> samples = new ArrayList<>();
                for (String id : callbacks.missing().subList(0, Math.min(MISSING_SAMPLES, callbacks.missing().size()))) {
                    samples.add(id + " " + terminal.get(id) + ": received " + receiver.attempts().stream()
                            .filter(a -> id.equals(a.jobId())).map(a -> a.deliveryId() + "#" + a.attempt() + " "
                                    + a.answer() + (a.signatureValid() ? "" : " (bad signature)")).toList()
                            + "; gateway's callbacks " + h.load().job(id).path("callbacks"));
                }
                List<OutageView> outages = faults.stream().filter(f -> f.kind().outage())
                        .map(f -> OutageView.of(f, h.load().responses())).toList();
                List<Recovery> recoveries = faults.stream().map(f -> Recovery.of(f, h.events().received())).toList();
                return new Result(s, jobs, allEnded, faults, outages, recoveries, callbacks, samples, h.load().refused(),
                        fleetStart, Duration.between(t0, Instant.now()), logs);
            }
        }
    }

    private static void progress(ScaleHarness h, String what) {
        System.out.printf(Locale.ROOT, "%s %s: %d workers, %d jobs accepted, %d SUCCEEDED%n", Instant.now(), what,
                h.running().size(), h.load().accepted().size(), h.events().all().stream()
                        .filter(e -> e.state() == JobState.SUCCEEDED).count());
    }
}
