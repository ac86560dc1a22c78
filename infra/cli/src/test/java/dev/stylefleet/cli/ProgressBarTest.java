package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsOverItselfWithCarriageReturnsAndPadsShorterLines() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), true);
        bar.show("upload", 0.5, "1.0 KiB / 2.0 KiB");
        bar.show("upload", 1, "x");
        bar.done();
        String[] draws = s.toString().split("\r");
        assertThat(draws[1]).isEqualTo("upload [" + "#".repeat(14) + ".".repeat(14) + "]  50% 1.0 KiB / 2.0 KiB");
        assertThat(draws[2]).startsWith("upload [" + "#".repeat(28) + "] 100% x");
        assertThat(draws[2].stripTrailing()).hasSizeLessThan(draws[2].length() - 1);
        assertThat(draws[2]).hasSize(draws[1].length() + System.lineSeparator().length());
    }

    @Test
    void unknownFractionLeavesTheBarEmptyWithoutAPercentage() {
        assertThat(ProgressBar.bar(-1)).isEqualTo("[" + ".".repeat(28) + "]");
        StringWriter s = new StringWriter();
        new ProgressBar(new PrintWriter(s), true).show("RUNNING", -1, "job 1");
        assertThat(s.toString()).isEqualTo("\rRUNNING [" + ".".repeat(28) + "] job 1");
    }

    @Test
    void disabledWritesNothing() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), false);
        bar.show("upload", 0.5, "x");
        bar.done();
        assertThat(s.toString()).isEmpty();
    }
}
