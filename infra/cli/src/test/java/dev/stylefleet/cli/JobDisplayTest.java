package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.schemas.Messages;
import org.junit.jupiter.api.Test;

class JobDisplayTest {
    static JsonNode json(String s) throws Exception {
        return Messages.JSON.readTree(s);
    }

    @Test
    void progressLineNamesStepLossTermsSpeedAndEta() throws Exception {
        JsonNode p = json("{\"step\":120,\"totalSteps\":2000,\"losses\":{\"content\":34000.5,\"style\":81000,"
                + "\"tv\":12.25,\"total\":115012.75},\"stepsPerSecond\":3.1,\"etaSeconds\":606}");
        assertThat(JobDisplay.progress(p)).isEqualTo(
                "step 120/2000 · loss 1.15e+05 (content 3.40e+04 style 8.10e+04 tv 12.3) · 3.10 steps/s · ETA 10 min 6 s");
        assertThat(JobDisplay.fraction(p)).isEqualTo(0.06);
    }

    @Test
    void progressWithoutTotalsHasNoFraction() throws Exception {
        assertThat(JobDisplay.fraction(json("{\"step\":5}"))).isEqualTo(-1);
        assertThat(JobDisplay.progress(json("{\"step\":5}"))).isEqualTo("step 5");
    }

    @Test
    void describeShowsTheResultOrTheError() throws Exception {
        String ok = JobDisplay.describe(json("{\"id\":\"a\",\"state\":\"SUCCEEDED\",\"model\":\"bicubic-x4\","
                + "\"result\":{\"width\":384,\"height\":256,\"contentType\":\"image/png\",\"url\":\"http://h/r\"}}"));
        assertThat(ok).contains("state     SUCCEEDED").contains("result    384 x 256 image/png  http://h/r");
        String failed = JobDisplay.describe(json("{\"id\":\"a\",\"state\":\"FAILED\","
                + "\"error\":{\"code\":\"MODEL_INVALID\",\"message\":\"not ONNX\"}}"));
        assertThat(failed).contains("error     MODEL_INVALID: not ONNX").doesNotContain("result");
        String trained = JobDisplay.describe(json("{\"id\":\"a\",\"state\":\"SUCCEEDED\",\"result\":{\"modelId\":\"m-1\"}}"));
        assertThat(trained).contains("model id  m-1");
    }

    @Test
    void numbersDurationsAndSizes() {
        assertThat(JobDisplay.number(0.5)).isEqualTo("0.500");
        assertThat(JobDisplay.number(0.001)).isEqualTo("1.00e-03");
        assertThat(JobDisplay.number(0)).isEqualTo("0.00");
        assertThat(JobDisplay.duration(59)).isEqualTo("59 s");
        assertThat(JobDisplay.duration(3725)).isEqualTo("1 h 2 min");
        assertThat(JobDisplay.bytes(1536)).isEqualTo("1.5 KiB");
    }
}
