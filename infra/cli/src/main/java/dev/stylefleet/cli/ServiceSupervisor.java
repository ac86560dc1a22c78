package dev.stylefleet.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the fleet's own services running: when one exits without having been asked to stop
 * ({@link ServiceProcess#stopRequested()}: the fleet's close or restart, a test's
 * {@link ServiceProcess#terminate}), it says so in one line (exit status, how long it ran, the attempt and
 * the wait), waits per {@link RestartPolicy} ({@link RestartBackoff}), starts it again through the fleet,
 * and says so again once it is started and once it is ready. The lines go to the sink the fleet was
 * started with ({@code ./stylefleet up} prints them). Extra workers ({@link Fleet#startWorker}) are not
 * supervised: tests and benchmarks start and kill those themselves.
 */
final class ServiceSupervisor implements AutoCloseable {
    /** What the supervisor needs from the fleet. */
    interface Restarter {
        /**
         * Starts {@code s} again if {@code dead} is still its current process (not already replaced by
         * {@link Fleet#restart} or the fleet closed).
         */
        Optional<ServiceProcess> restartIfCurrent(Service s, ServiceProcess dead) throws IOException;

        /** Waits until {@code p} is ready; throws if it exits first or is not ready in time. */
        void awaitReady(ServiceProcess p) throws InterruptedException;
    }

    private final RestartPolicy policy;
    private final Consumer<String> log;
    private final Restarter fleet;
    private final Map<Service, RestartBackoff> backoffs = new EnumMap<>(Service.class);
    /** Waits out the backoffs and runs the starts, one thread per service so that a slow start delays no other. */
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    ServiceSupervisor(RestartPolicy policy, Consumer<String> log, Restarter fleet) {
        this.policy = policy;
        this.log = log;
        this.fleet = fleet;
        this.timer = Executors.newScheduledThreadPool(Service.values().length, r -> {
            Thread t = new Thread(r, "stylefleet-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Watches {@code p}, the current process of {@code s}, for an exit nobody asked for. */
    void watch(Service s, ServiceProcess p) {
        p.onExit().thenRun(() -> exited(s, p));
    }

    private void exited(Service s, ServiceProcess p) {
        if (closed || p.stopRequested() || shuttingDown()) {
            return;
        }
        Instant diedAt = Instant.now();
        Duration ran = Duration.between(p.startedAt(), diedAt);
        String status = ExitStatus.describe(p.exitCode().orElseThrow());
        if (!policy.enabled()) {
            log.accept(String.format(Locale.ROOT, "%s (pid %d) died after %s: %s; not restarted (supervision off)",
                    p.name(), p.pid(), seconds(ran), status));
            return;
        }
        RestartBackoff.Restart next;
        synchronized (backoffs) {
            next = backoffs.computeIfAbsent(s, k -> new RestartBackoff(policy)).onDeath(ran);
        }
        log.accept(String.format(Locale.ROOT, "%s (pid %d) died after %s: %s; restart attempt %d in %s",
                p.name(), p.pid(), seconds(ran), status, next.attempt(), seconds(next.delay())));
        timer.schedule(() -> restart(s, p, next.attempt(), diedAt), next.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Service s, ServiceProcess dead, int attempt, Instant diedAt) {
        if (closed || shuttingDown()) {
            return;
        }
        Optional<ServiceProcess> started;
        try {
            started = fleet.restartIfCurrent(s, dead);
        } catch (IOException | RuntimeException e) {
            // Could not even fork (a missing runner, no memory): there is no process whose exit would
            // schedule the next attempt, so this is the next death in a row.
            RestartBackoff.Restart next;
            synchronized (backoffs) {
                next = backoffs.computeIfAbsent(s, k -> new RestartBackoff(policy)).onDeath(Duration.ZERO);
            }
            log.accept(String.format(Locale.ROOT, "%s could not be started (%s); restart attempt %d in %s",
                    dead.name(), e.getMessage(), next.attempt(), seconds(next.delay())));
            timer.schedule(() -> restart(s, dead, next.attempt(), diedAt), next.delay().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        if (started.isEmpty()) {
            return;
        }
        ServiceProcess p = started.get();
        log.accept(String.format(Locale.ROOT, "%s restarted (attempt %d, pid %d)", p.name(), attempt, p.pid()));
        try {
            fleet.awaitReady(p);
            log.accept(String.format(Locale.ROOT, "%s ready again, %s after its death", p.name(),
                    seconds(Duration.between(diedAt, Instant.now()))));
        } catch (IllegalStateException e) {
            // It exited during start-up (its exit handler schedules the next attempt) or is slow; its
            // log says why. The first line of the message names the log.
            if (!closed && !p.stopRequested()) {
                log.accept(p.name() + " not ready: " + e.getMessage().lines().findFirst().orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops supervising: exits from now on are expected (the fleet is stopping). */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }

    /**
     * Whether this JVM is shutting down. Ctrl-C on {@code ./stylefleet up} reaches the child JVMs too
     * (one process group), and they may exit before the shutdown hook has closed the fleet: those exits
     * are a stop, not deaths.
     */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
