package dev.stylefleet.cli.scale;

import dev.stylefleet.cli.Fleet;
import dev.stylefleet.cli.FleetConfig;
import dev.stylefleet.cli.RestartPolicy;
import dev.stylefleet.cli.Launcher;
import dev.stylefleet.cli.Service;
import dev.stylefleet.cli.ServiceProcess;
import dev.stylefleet.cli.scale.ScaleTimeline.Action;
import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.infra.LocalStackConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scale run on the real system: a {@link Fleet} (embedded broker and S3 server, the gateway, one
 * inference worker of its own), a {@link JobLoad} against the gateway, a {@link JobEventLog}, and inference
 * worker processes added and removed as an orchestrator would (start; SIGTERM; SIGKILL), each action
 * recorded on the {@link ScaleTimeline} and the workers' CPU time metered ({@link WorkerCpuMeter}).
 * Shared by {@code ScaleBenchmark} and {@code ScaleIT}; single-threaded: drive it from one thread.
 */
public final class ScaleHarness implements AutoCloseable {
    /** The local stack's development key (tenant {@code local}), the gateway's default. */
    public static final String API_KEY = "local-dev-key";
    /** The inference worker key its job events name it by (Fleet sets it for the workers it adds). */
    public static final String WORKER_ID_KEY = "stylefleet.infer.worker-id";
    /** The worker id of the fleet's own inference worker in a scale run. */
    public static final String FIRST_WORKER_ID = Service.INFER_WORKER.module() + "-0";

    private final Fleet fleet;
    private final JobEventLog events;
    private final JobLoad load;
    private final ScaleTimeline timeline = new ScaleTimeline();
    private final WorkerCpuMeter cpu = new WorkerCpuMeter();
    private final List<ServiceProcess> running = new ArrayList<>();
    private final List<ServiceProcess> added = new ArrayList<>();

    private ScaleHarness(Fleet fleet, JobLoad.Settings load) {
        this.fleet = fleet;
        this.events = new JobEventLog(fleet.stack().kafkaBootstrapServers());
        this.load = new JobLoad(fleet.gatewayUrl(), API_KEY, events, load);
        ServiceProcess first = fleet.process(Service.INFER_WORKER);
        running.add(first);
        cpu.track(first);
    }

    /**
     * Starts the fleet on an ephemeral stack, every inference worker (its own and those added later) with
     * {@code workerConfig}; the load is not started yet.
     */
    public static ScaleHarness start(Path logDir, Map<String, String> workerConfig, JobLoad.Settings load)
            throws IOException, InterruptedException {
        Map<String, String> extra = new LinkedHashMap<>(workerConfig);
        extra.put(WORKER_ID_KEY, FIRST_WORKER_ID);
        // No supervisor: the harness itself adds, kills and replaces workers (as an autoscaler would), so a
        // killed worker must stay dead unless the scenario replaces it.
        Fleet fleet = Fleet.start(new FleetConfig(Launcher.repoRoot(), LocalStackConfig.ephemeral(),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), logDir, extra, RestartPolicy.never()));
        try {
            return new ScaleHarness(fleet, load);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    public Fleet fleet() {
        return fleet;
    }

    public JobEventLog events() {
        return events;
    }

    public JobLoad load() {
        return load;
    }

    public ScaleTimeline timeline() {
        return timeline;
    }

    public WorkerCpuMeter cpu() {
        return cpu;
    }

    /** The inference worker processes running now, oldest first. */
    public List<ServiceProcess> running() {
        return List.copyOf(running);
    }

    /** The worker processes this run added (not the fleet's own), in start order. */
    public List<ServiceProcess> added() {
        return List.copyOf(added);
    }

    public static String workerId(ServiceProcess p) {
        return p.setting(WORKER_ID_KEY).orElseThrow();
    }

    /** Starts the load and the first phase (the fleet's own worker alone), {@code note} added to its label. */
    public void startLoad(String note) {
        load.start();
        beginPhase(note);
    }

    /** Starts a new phase with the workers running now, its label the worker count and {@code note}. */
    public void beginPhase(String note) {
        timeline.begin(boundary(), label(running.size()) + note, running.size());
    }

    /** Starts one more worker process and returns once it is ready; phase "n → n+1: starting", then "n+1". */
    public ServiceProcess addWorker(Map<String, String> overrides) throws IOException, InterruptedException {
        int n = running.size();
        timeline.begin(boundary(), n + " → " + (n + 1) + ": starting", n);
        ServiceProcess p = fleet.startWorker(Service.INFER_WORKER, overrides);
        cpu.track(p);
        running.add(p);
        Instant ready = boundary();
        timeline.event(p.startedAt(), workerId(p), Action.START);
        timeline.event(ready, workerId(p), Action.READY);
        added.add(p);
        timeline.begin(ready, label(n + 1), n + 1);
        return p;
    }

    /**
     * SIGTERM to {@code p}, as a scale-in sends it; returns once it has exited (phase "n → n-1: draining"),
     * or fails when it is still running after {@code bound}.
     */
    public void terminate(ServiceProcess p, Duration bound) throws InterruptedException {
        int n = running.size();
        Instant sent = boundary();
        timeline.event(sent, workerId(p), Action.SIGTERM);
        timeline.begin(sent, n + " → " + (n - 1) + ": draining", n);
        if (!p.terminate(bound)) {
            throw new IllegalStateException(workerId(p) + " still running " + bound.toSeconds()
                    + " s after SIGTERM; its log: " + p.log());
        }
        Instant exited = boundary();
        timeline.event(exited, workerId(p), Action.EXITED);
        running.remove(p);
        timeline.begin(exited, label(n - 1), n - 1);
    }

    /** SIGKILL to {@code p}: a crash. The next phase has one worker less. */
    public void kill(ServiceProcess p) throws InterruptedException {
        int n = running.size();
        Instant sent = boundary();
        p.kill();
        timeline.event(sent, workerId(p), Action.SIGKILL);
        running.remove(p);
        timeline.begin(sent, label(n - 1) + " (after SIGKILL)", n - 1);
    }

    /** Lets the current phase run for {@code length}: a phase's length under load, not a synchronisation. */
    public void hold(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());
    }

    /**
     * Ends the last phase, stops the load and waits up to {@code drain} for every accepted job to end;
     * returns whether they all did (those that did not are the accounting's lost jobs).
     */
    public boolean finish(Duration drain) throws InterruptedException {
        timeline.endPhase(boundary());
        load.stop();
        return events.awaitAllTerminal(load.accepted().stream().map(JobLoad.Accepted::jobId).toList(), drain);
    }

    /** Now, as a phase boundary: the CPU meter samples every worker first, so the boundary sees their CPU time. */
    private Instant boundary() {
        cpu.sampleAll();
        return Instant.now();
    }

    private static String label(int workers) {
        return workers + (workers == 1 ? " worker" : " workers");
    }

    @Override
    public void close() throws InterruptedException {
        try {
            load.stop();
            events.close();
        } finally {
            cpu.close();
            fleet.close();
        }
    }
}
