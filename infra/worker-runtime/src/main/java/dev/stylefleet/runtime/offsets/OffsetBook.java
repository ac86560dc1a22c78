package dev.stylefleet.runtime.offsets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Which fetched records are running and which are done, per partition, when several jobs run at once
 * and finish in any order. Kafka commits a position, not a set: committing offset k says "everything
 * before k is done". So the committable position of a partition is the offset of its lowest
 * unfinished record (or one past the last when all are done); a finished job above an unfinished one
 * waits, uncommitted, until the lower one ends. A crash then re-delivers the unfinished job and
 * possibly some finished ones above it (at-least-once; their results are overwritten identically).
 * Used by the consumer thread only.
 */
public final class OffsetBook {
    /** Offset -> job key, and whether that job is done. */
    private final Map<TopicPartition, TreeMap<Long, Entry>> partitions = new HashMap<>();
    /** Highest position already committed per partition (so a commit is only sent when it advances). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private static final class Entry {
        final String key;
        boolean done;
        /** Given up on (a stop whose grace passed): no longer running, never done, so commits stop below it. */
        boolean abandoned;

        Entry(String key) {
            this.key = key;
        }
    }

    /** A position to commit and the jobs (keys) it newly covers. */
    public record Commit(long offset, List<String> keys) {}

    public void started(ConsumerRecord<String, byte[]> r) {
        partitions.computeIfAbsent(tp(r), k -> new TreeMap<>()).put(r.offset(), new Entry(r.key()));
    }

    public void done(ConsumerRecord<String, byte[]> r) {
        TreeMap<Long, Entry> m = partitions.get(tp(r));
        Entry e = m == null ? null : m.get(r.offset());
        if (e != null) {
            e.done = true;
        }
    }

    public void abandoned(ConsumerRecord<String, byte[]> r) {
        TreeMap<Long, Entry> m = partitions.get(tp(r));
        Entry e = m == null ? null : m.get(r.offset());
        if (e != null) {
            e.abandoned = true;
        }
    }

    /** Whether the record's partition is still ours and the record still booked. */
    public boolean tracks(ConsumerRecord<String, byte[]> r) {
        TreeMap<Long, Entry> m = partitions.get(tp(r));
        return m != null && m.containsKey(r.offset());
    }

    public int inFlight() {
        int n = 0;
        for (TreeMap<Long, Entry> m : partitions.values()) {
            for (Entry e : m.values()) {
                n += e.done || e.abandoned ? 0 : 1;
            }
        }
        return n;
    }

    /** Keys of the jobs still running (neither done nor abandoned) on the given partitions. */
    public List<String> running(Collection<TopicPartition> which) {
        List<String> keys = new ArrayList<>();
        for (TopicPartition tp : which) {
            TreeMap<Long, Entry> m = partitions.get(tp);
            if (m != null) {
                m.values().stream().filter(e -> !e.done && !e.abandoned).forEach(e -> keys.add(e.key));
            }
        }
        return keys;
    }

    public Set<TopicPartition> partitions() {
        return new HashSet<>(partitions.keySet());
    }

    /**
     * For each partition whose position advances: the offset after the finished prefix, and the keys
     * of the jobs in that prefix. Nothing is removed: the prefix leaves the book only once the broker
     * has accepted the commit ({@link #committed}). A commit refused during a rebalance is therefore
     * offered again by the next call instead of being lost (its jobs would otherwise run again).
     */
    public Map<TopicPartition, Commit> committable(Collection<TopicPartition> which) {
        Map<TopicPartition, Commit> out = new HashMap<>();
        for (TopicPartition tp : which) {
            TreeMap<Long, Entry> m = partitions.get(tp);
            if (m == null) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            long position = -1;
            for (Map.Entry<Long, Entry> e : m.entrySet()) {
                if (!e.getValue().done) {
                    break;
                }
                position = e.getKey() + 1;
                keys.add(e.getValue().key);
            }
            if (position >= 0 && position > committed.getOrDefault(tp, -1L)) {
                out.put(tp, new Commit(position, keys));
            }
        }
        return out;
    }

    /** The broker accepted these commits: their prefixes leave the book. */
    public void committed(Map<TopicPartition, Commit> commits) {
        commits.forEach((tp, c) -> {
            TreeMap<Long, Entry> m = partitions.get(tp);
            if (m != null) {
                m.headMap(c.offset()).clear();
            }
            committed.merge(tp, c.offset(), Math::max);
        });
    }


    public void forget(Collection<TopicPartition> gone) {
        gone.forEach(tp -> {
            partitions.remove(tp);
            committed.remove(tp);
        });
    }

    private static TopicPartition tp(ConsumerRecord<String, byte[]> r) {
        return new TopicPartition(r.topic(), r.partition());
    }
}
