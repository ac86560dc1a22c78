package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Topic names, their specs, and the partition key of job messages. */
class TopicsTest {

    @Test
    void everyTopicHasOneSpec() {
        assertThat(Topics.ALL).extracting(Topics.Spec::name).containsExactlyInAnyOrder(
                Topics.INFER_JOBS, Topics.TRAIN_JOBS, Topics.JOB_EVENTS, Topics.JOB_RECORDS, Topics.CANCELS,
                Topics.DEAD_LETTER).doesNotHaveDuplicates();
        assertThat(Topics.ALL).allSatisfy(s -> {
            assertThat(s.name()).startsWith("stylefleet.");
            assertThat(s.partitions()).isPositive();
        });
    }

    @Test
    void onlyTheJobStateTopicsAreCompacted() {
        // Compaction keeps the last message per key: right for job state, wrong for requests and cancels.
        assertThat(Topics.ALL.stream().filter(Topics.Spec::compacted).map(Topics.Spec::name).toList())
                .isEqualTo(List.of(Topics.JOB_EVENTS, Topics.JOB_RECORDS));
    }

    @Test
    void theKeyOfAJobMessageIsItsJobIdAndTheSameEveryTime() {
        assertThat(Topics.key("job-1")).isEqualTo("job-1").isEqualTo(Topics.key("job-1"));
    }
}
