package dev.stylefleet.gateway.admission;

import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobKind;
import java.util.Optional;

/**
 * The kinds of work admission control bounds separately, and the topic each waits on: both inference
 * tasks share {@code stylefleet.jobs.infer} (so a stylize job waits behind queued super-resolve jobs
 * too), training has {@code stylefleet.jobs.train}.
 */
public enum QueueClass {
    SUPER_RESOLVE(Topic.INFER),
    STYLIZE(Topic.INFER),
    TRAIN(Topic.TRAIN);

    /** The job topics whose workers serve the classes. */
    public enum Topic { INFER, TRAIN }

    private final Topic topic;

    QueueClass(Topic topic) {
        this.topic = topic;
    }

    public Topic topic() {
        return topic;
    }

    /** An inference submission's class by its task. */
    public static QueueClass ofInferTask(String task) {
        return InferJobRequested.TASK_STYLIZE.equals(task) ? STYLIZE : SUPER_RESOLVE;
    }

    /** A job's class; empty while its request has not been seen. */
    static Optional<QueueClass> of(Job job) {
        if (job.kind() == JobKind.TRAIN) {
            return Optional.of(TRAIN);
        }
        return job.request() == null ? Optional.empty() : Optional.of(ofInferTask(job.task()));
    }
}
