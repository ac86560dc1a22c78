package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.model.SessionCacheListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The worker's Prometheus metrics (Micrometer; the Quarkus service exposes them at {@code /q/metrics}):
 *
 * <pre>
 *   stylefleet_infer_inference_seconds{model}     histogram: one session run (a batch)
 *   stylefleet_infer_job_seconds{model,outcome}   histogram: a job from taken to terminal result
 *   stylefleet_infer_batch_size{model}            summary/histogram: images per session run
 *   stylefleet_infer_model_cache_total{result}    counter: hit | miss
 *   stylefleet_infer_images_total{model}          counter: images finished; images per second =
 *                                                 rate(stylefleet_infer_images_total[1m])
 * </pre>
 */
public class InferMetrics implements SessionCacheListener {
    /** Records nothing (plain-Java use without a registry). */
    public static final InferMetrics NONE = new InferMetrics(null);

    private final MeterRegistry registry;

    public InferMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void lookedUp(String model, boolean hit) {
        if (hit) {
            cacheHit(model);
        } else {
            cacheMiss(model);
        }
    }

    public void cacheHit(String model) {
        if (registry != null) {
            Counter.builder("stylefleet.infer.model.cache").tag("result", "hit").register(registry).increment();
        }
    }

    public void cacheMiss(String model) {
        if (registry != null) {
            Counter.builder("stylefleet.infer.model.cache").tag("result", "miss").register(registry).increment();
        }
    }

    /** One session run of {@code batch} images that took {@code nanos}. */
    public void inference(String model, int batch, long nanos) {
        if (registry != null) {
            Timer.builder("stylefleet.infer.inference").tag("model", model).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry).record(Duration.ofNanos(nanos));
            DistributionSummary.builder("stylefleet.infer.batch.size").tag("model", model)
                    .serviceLevelObjectives(1, 2, 4, 8, 16).register(registry).record(batch);
        }
    }

    /** A job ended; {@code outcome} is SUCCEEDED or an error code. */
    public void job(String model, String outcome, long nanos) {
        if (registry != null) {
            Timer.builder("stylefleet.infer.job").tag("model", model).tag("outcome", outcome)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10)).register(registry).record(Duration.ofNanos(nanos));
            if (outcome.equals("SUCCEEDED")) {
                Counter.builder("stylefleet.infer.images").tag("model", model).register(registry).increment();
            }
        }
    }
}
