package dev.stylefleet.infer.messaging;

import dev.stylefleet.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer groups for tests. A worker in a new group starts at the earliest offset (by design: jobs
 * submitted before the fleet's group existed must run), which in a shared broker means every job
 * earlier tests left behind. A test group is therefore created with its offsets committed at the job
 * topic's current end, so its workers see exactly the jobs the test submits afterwards.
 */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    /** A new group positioned at the end of {@link Topics#INFER_JOBS}; returns the committed offsets. */
    public static Map<TopicPartition, Long> createAtEnd(Admin admin, String group) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.INFER_JOBS)).allTopicNames().get()
                .get(Topics.INFER_JOBS).partitions().stream()
                .map(p -> new TopicPartition(Topics.INFER_JOBS, p.partition())).toList();
        Map<TopicPartition, Long> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        admin.alterConsumerGroupOffsets(group, ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
        return ends;
    }

    /** The group's committed offsets on {@link Topics#INFER_JOBS}. */
    public static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.INFER_JOBS))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
