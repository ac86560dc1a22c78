package dev.stylefleet.runtime.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetBookTest {
    private static final String TOPIC = "jobs";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static ConsumerRecord<String, byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>(TOPIC, partition, offset, "job-" + partition + "-" + offset, new byte[0]);
    }

    @Test
    void aFinishedJobAboveAnUnfinishedOneWaitsUncommitted() {
        OffsetBook book = new OffsetBook();
        var a = record(0, 10);
        var b = record(0, 11);
        book.started(a);
        book.started(b);
        book.done(b);
        assertThat(book.committable(List.of(P0))).isEmpty();
        assertThat(book.inFlight()).isEqualTo(1);

        book.done(a);
        Map<TopicPartition, OffsetBook.Commit> commits = book.committable(List.of(P0));
        assertThat(commits.get(P0).offset()).isEqualTo(12);
        assertThat(commits.get(P0).keys()).containsExactly("job-0-10", "job-0-11");
        assertThat(book.inFlight()).isZero();
        assertThat(book.committable(List.of(P0))).as("offered again until the broker accepts it").isEqualTo(commits);
        book.committed(commits);
        assertThat(book.committable(List.of(P0))).as("nothing new to commit").isEmpty();
        assertThat(book.tracks(a)).isFalse();
    }

    @Test
    void anAbandonedJobIsNoLongerInFlightButBlocksCommitsAboveIt() {
        OffsetBook book = new OffsetBook();
        var a = record(1, 5);
        var b = record(1, 6);
        book.started(a);
        book.started(b);
        book.abandoned(a);
        book.done(b);
        assertThat(book.inFlight()).isZero();
        assertThat(book.committable(List.of(P1))).as("the abandoned job must be redelivered").isEmpty();
    }

    @Test
    void partitionsAreBookedApartAndForgottenOnRevocation() {
        OffsetBook book = new OffsetBook();
        var a = record(0, 1);
        var b = record(1, 1);
        book.started(a);
        book.started(b);
        book.done(a);
        assertThat(book.committable(book.partitions())).containsOnlyKeys(P0);
        book.forget(List.of(P1));
        assertThat(book.tracks(b)).isFalse();
        assertThat(book.inFlight()).isZero();
    }
}
