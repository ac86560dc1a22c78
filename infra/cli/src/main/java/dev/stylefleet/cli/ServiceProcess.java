package dev.stylefleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM, its output appended to a log file. */
public final class ServiceProcess {
    /**
     * How long a service gets to stop after SIGTERM before it is killed: above the longest worker grace
     * (training's {@code shutdown-timeout}, 60 s, to checkpoint its job) plus leaving the group, the same
     * bound the Helm chart gives worker-train ({@code terminationGracePeriodSeconds} 90). An idle service
     * exits within a second or two; a shorter bound would SIGKILL a worker still finishing its job.
     */
    static final long STOP_GRACE_SECONDS = 90;

    private final Service service;
    private final String name;
    private final Process process;
    private final Path log;
    private final Instant startedAt;
    private final Map<String, String> config;
    /** Set by {@link #stop()} and {@link #terminate}: the exit that follows is not a death to supervise. */
    private volatile boolean stopRequested;

    private ServiceProcess(Service service, String name, Process process, Path log, Instant startedAt,
            Map<String, String> config) {
        this.service = service;
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
        this.config = config;
    }

    static ServiceProcess start(Service service, Path repoRoot, Map<String, String> config, Path logDir)
            throws IOException {
        return start(service, service.module(), repoRoot, config, logDir);
    }

    /**
     * Starts {@code service} as the instance {@code name}: its output goes to {@code <name>.log} in
     * {@code logDir}, so that several processes of one service keep separate logs.
     */
    static ServiceProcess start(Service service, String name, Path repoRoot, Map<String, String> config,
            Path logDir) throws IOException {
        Path runner = service.runner(repoRoot);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " is missing: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ServiceJvm.options(service));
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(runner.toString());
        Instant startedAt = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(ServiceJvm.environment(service));
        Process p = builder
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(service, name, p, log, startedAt, Map.copyOf(new LinkedHashMap<>(config)));
    }

    public Service service() {
        return service;
    }

    /** The instance's name: the module's for the fleet's own services, {@code <module>-<n>} for extra workers. */
    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** When this JVM asked the OS to start the process (just before the fork). */
    public Instant startedAt() {
        return startedAt;
    }

    /** A {@code -D} setting the process was started with (the fleet's, this start's overrides included). */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(config.get(key));
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the process has used so far, where the OS reports it; empty once it has exited. */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** The exit status once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Whether {@link #stop()} or {@link #terminate} was called: its exit was asked for. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Completes with this process when it has exited, however it ended. */
    public CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after the grace period. */
    public void stop() {
        stopRequested = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM only, as an orchestrator's scale-in sends it, then waits up to {@code bound} for the process
     * to exit on its own. Unlike {@link #stop()} it never escalates: a process still running after
     * {@code bound} is left running (the caller decides; {@link Fleet#close()} stops it at the end).
     *
     * @return whether the process exited within {@code bound}
     */
    public boolean terminate(Duration bound) throws InterruptedException {
        stopRequested = true;
        process.destroy();
        return process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * SIGKILL: the process gets no chance to clean up (tests use it to simulate a crash). Not a requested
     * stop: a supervised service is restarted after it.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
