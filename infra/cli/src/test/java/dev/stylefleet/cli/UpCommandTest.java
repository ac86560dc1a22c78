package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpCommandTest {
    @Test
    void restartOptionDefaultsAreTheDocumentedPolicy() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs();
        assertThat(up.restartPolicy()).isEqualTo(RestartPolicy.defaults());
    }

    @Test
    void restartOptionsConfigureThePolicy() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--restart-delay", "0.5", "--restart-multiplier", "3", "--restart-max-delay",
                "10", "--restart-stable-after", "120");
        RestartPolicy p = up.restartPolicy();
        assertThat(p.enabled()).isTrue();
        assertThat(p.delay(1)).hasMillis(500);
        assertThat(p.delay(2)).hasMillis(1500);
        assertThat(p.delay(4)).hasSeconds(10);
        assertThat(p.stableAfter()).hasSeconds(120);
    }

    @Test
    void noRestartTurnsSupervisionOff() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--no-restart");
        assertThat(up.restartPolicy().enabled()).isFalse();
    }
}
