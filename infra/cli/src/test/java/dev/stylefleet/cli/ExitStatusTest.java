package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void namesTheSignalOfAKilledProcess() {
        assertThat(ExitStatus.describe(137)).isEqualTo("exit code 137 (SIGKILL)");
        assertThat(ExitStatus.describe(143)).isEqualTo("exit code 143 (SIGTERM)");
        assertThat(ExitStatus.describe(130)).isEqualTo("exit code 130 (SIGINT)");
        assertThat(ExitStatus.describe(128 + 10)).isEqualTo("exit code 138 (signal 10)");
    }

    @Test
    void plainExitCodesStayPlain() {
        assertThat(ExitStatus.describe(0)).isEqualTo("exit code 0");
        assertThat(ExitStatus.describe(1)).isEqualTo("exit code 1");
        assertThat(ExitStatus.describe(128)).isEqualTo("exit code 128");
        assertThat(ExitStatus.describe(255)).isEqualTo("exit code 255");
    }
}
