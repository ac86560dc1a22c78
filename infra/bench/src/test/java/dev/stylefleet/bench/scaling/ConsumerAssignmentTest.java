package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerAssignmentTest {

    @Test
    void firstAssignmentIsBalanced() {
        assertThat(ConsumerAssignment.assign(new int[] {-1, -1, -1, -1, -1}, new int[] {0, 1}))
                .containsExactly(0, 0, 0, 1, 1);
    }

    @Test
    void aJoiningMemberTakesOnlyWhatBalanceNeeds() {
        // 4 partitions on members 0 and 1; member 2 joins: shares 2, 1, 1, so one partition moves.
        assertThat(ConsumerAssignment.assign(new int[] {0, 0, 1, 1}, new int[] {0, 1, 2})).containsExactly(0, 0, 1, 2);
    }

    @Test
    void aLeavingMembersPartitionsGoToTheOthers() {
        assertThat(ConsumerAssignment.assign(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2})).containsExactly(0, 0, 2, 0, 2, 2);
    }

    @Test
    void membersBeyondThePartitionsGetNone() {
        int[] owners = ConsumerAssignment.assign(new int[] {-1, -1}, new int[] {0, 1, 2});
        assertThat(owners).containsExactly(0, 1);
    }
}
