package dev.stylefleet.bench.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which group member consumes which partition after a membership change: balanced (every member gets
 * floor(P / n) or that plus one partitions) and sticky (a member keeps as many of its partitions as its
 * share allows; only the rest move), as Kafka's sticky and KIP-848 uniform assignors aim for. Members
 * beyond the partition count get none (they idle). Returns the new owner of each partition (a member id).
 */
final class ConsumerAssignment {
    private ConsumerAssignment() {}

    /**
     * @param owners  the current owner of each partition, or -1
     * @param members the ids of the group's members, in joining order
     */
    static int[] assign(int[] owners, int[] members) {
        int partitions = owners.length;
        int[] next = new int[partitions];
        Arrays.fill(next, -1);
        if (members.length == 0) {
            return next;
        }
        int maxId = Arrays.stream(members).max().orElse(0);
        for (int owner : owners) {
            maxId = Math.max(maxId, owner);
        }
        int[] current = new int[maxId + 1];
        boolean[] member = new boolean[maxId + 1];
        for (int m : members) {
            member[m] = true;
        }
        for (int owner : owners) {
            if (owner >= 0 && member[owner]) {
                current[owner]++;
            }
        }
        // Members holding most keep the larger shares, so the fewest partitions move.
        Integer[] order = Arrays.stream(members).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer m) -> -current[m]).thenComparingInt(m -> m));
        int base = partitions / members.length;
        int extra = partitions % members.length;
        int[] quota = new int[maxId + 1];
        for (int i = 0; i < order.length; i++) {
            quota[order[i]] = base + (i < extra ? 1 : 0);
        }
        int[] held = new int[maxId + 1];
        List<Integer> free = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int owner = owners[p];
            if (owner >= 0 && member[owner] && held[owner] < quota[owner]) {
                next[p] = owner;
                held[owner]++;
            } else {
                free.add(p);
            }
        }
        int cursor = 0;
        for (int m : order) {
            while (held[m] < quota[m] && cursor < free.size()) {
                next[free.get(cursor++)] = m;
                held[m]++;
            }
        }
        return next;
    }
}
