package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theInt8ColumnShowsTheGateFigureOrADash() throws Exception {
        assertThat(ModelsCommand.int8(JSON.readTree("{\"id\":\"bicubic-x4\"}").path("int8"))).isEqualTo("-");
        assertThat(ModelsCommand.int8(JSON.readTree("{\"int8\":null}").path("int8"))).isEqualTo("-");
        assertThat(ModelsCommand.int8(JSON.readTree("{\"int8\":{\"psnrVsFp32Db\":41.234}}").path("int8")))
                .isEqualTo("41.2 dB");
        assertThat(ModelsCommand.int8(JSON.readTree(
                "{\"int8\":{\"psnrVsFp32Db\":52.2,\"fp32PsnrVsTruthDb\":28.51,\"int8PsnrVsTruthDb\":28.504}}")
                .path("int8"))).isEqualTo("52.2 dB, -0.006 dB vs truth");
    }
}
