package dev.stylefleet.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuarkusDurationsTest {

    @Test
    void readsTheFormsQuarkusAccepts() {
        assertThat(QuarkusDurations.parse("30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(QuarkusDurations.parse("500MS")).isEqualTo(Duration.ofMillis(500));
        assertThat(QuarkusDurations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(QuarkusDurations.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(QuarkusDurations.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(QuarkusDurations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(QuarkusDurations.parse("P7D")).isEqualTo(Duration.ofDays(7));
    }
}
