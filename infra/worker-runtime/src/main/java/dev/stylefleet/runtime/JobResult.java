package dev.stylefleet.runtime;

import dev.stylefleet.schemas.JobEvent;
import java.util.Objects;

/**
 * How a job ended, as its {@link JobHandler} reports it: a terminal event to publish (then the offset is
 * committed), or "leave it uncommitted" so that the group redelivers it, for example a training job
 * suspended with a checkpoint by a stop.
 *
 * @param terminal           the SUCCEEDED, FAILED or CANCELLED event; null when left uncommitted
 * @param leftUncommittedWhy why the job is left for redelivery; null when there is a terminal event
 */
public record JobResult(JobEvent terminal, String leftUncommittedWhy) {
    public JobResult {
        if ((terminal == null) == (leftUncommittedWhy == null)) {
            throw new IllegalArgumentException("a job result is either a terminal event or a reason to leave it");
        }
    }

    public static JobResult terminal(JobEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.state().terminal()) {
            throw new IllegalArgumentException("not a terminal event: " + event.state());
        }
        return new JobResult(event, null);
    }

    public static JobResult leaveUncommitted(String why) {
        return new JobResult(null, Objects.requireNonNull(why, "why"));
    }
}
