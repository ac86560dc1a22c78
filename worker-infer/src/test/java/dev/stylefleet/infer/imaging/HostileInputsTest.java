package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the hostile-input set through the decoder alone (probe with the limits, then decode):
 * the right code, or a decoded image of the right size. {@code HostileInputsIT} sends the same set
 * through a running worker.
 */
class HostileInputsTest {

    static Stream<HostileInputs.Case> cases() {
        return HostileInputs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsAsExpected(HostileInputs.Case c) {
        ErrorCode got = null;
        BufferedImage image = null;
        String message = null;
        try {
            ImageDecoder.Header header = ImageDecoder.probe(c.bytes(), HostileInputs.LIMITS);
            image = ImageDecoder.decode(c.bytes(), header);
        } catch (JobFailure f) {
            got = f.code();
            message = f.getMessage();
        }
        assertThat(got).as("%s: %s", c.name(), message).isEqualTo(c.expected());
        if (c.expected() == null) {
            assertThat(image.getWidth()).isEqualTo(c.width());
            assertThat(image.getHeight()).isEqualTo(c.height());
            assertThat(image.getColorModel().hasAlpha()).as("alpha kept").isEqualTo(c.alpha());
            // What the pipeline does next with a decoded image: the 8-bit conversion and the tensor
            // reader (a palette PNG with tRNS decoded, then failed here: issue 15).
            BufferedImage argb = ImageAdjustments.toIntImage(image);
            assertThat(argb.getColorModel().hasAlpha()).as("alpha kept in 8 bits").isEqualTo(c.alpha());
            int w = Math.min(image.getWidth(), 64);
            int h = Math.min(image.getHeight(), 64);
            new PixelSource(image).readRgb(0, 0, w, h, new float[3 * w * h], 0);
        } else {
            assertThat(message).startsWith("input image");
        }
    }

    @org.junit.jupiter.api.Test
    void theSetHasAtLeastAHundredFilesWithDistinctNamesAndContents() {
        List<HostileInputs.Case> all = HostileInputs.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(100);
        assertThat(all.stream().map(c -> java.nio.ByteBuffer.wrap(c.bytes())).distinct().count()).isEqualTo(all.size());
        // InferWorkerIT uses the names in job ids (schemas: ^[A-Za-z0-9_-]{1,64}$, with a prefix and a suffix).
        assertThat(all).allSatisfy(c -> assertThat(c.name()).matches("[A-Za-z0-9_-]{1,40}"));
        assertThat(all.stream().map(HostileInputs.Case::name).distinct().count()).isEqualTo(all.size());
    }
}
