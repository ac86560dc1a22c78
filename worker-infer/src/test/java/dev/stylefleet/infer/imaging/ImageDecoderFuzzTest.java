package dev.stylefleet.infer.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import java.awt.image.BufferedImage;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the worker's decode path on untrusted bytes, as the pipeline runs
 * it before the model: {@link ImageDecoder#probe} with limits, {@link ImageDecoder#decode}, then every
 * pixel read through {@link PixelSource} and the alpha the result keeps ({@link ImageAdjustments#toIntImage}).
 * The contract: a decoded image of the probed (upright) size, or a {@link JobFailure} with one of the
 * documented image codes; never another exception, an out-of-memory or a hang.
 *
 * <p>Seeded with the whole hostile-input set ({@link HostileInputs}); past crashes live in
 * {@code ImageDecoderFuzzTestInputs/decode}.
 */
class ImageDecoderFuzzTest {

    /**
     * Smaller than the defaults so that one run stays within a test JVM's heap: 1 MiB of input and
     * 4 megapixels (a 16-bit RGBA decode of that is 32 MB). The limits themselves are unit-tested.
     */
    static final ImageLimits LIMITS = new ImageLimits(1L << 20, 1L << 22);

    static final Set<ErrorCode> DOCUMENTED = Set.of(ErrorCode.INVALID_IMAGE, ErrorCode.IMAGE_TOO_LARGE);

    static Stream<Arguments> seeds() {
        return HostileInputs.all().stream()
                .filter(c -> c.bytes().length <= LIMITS.maxInputBytes())
                .map(c -> Arguments.of((Object) c.bytes()));
    }

    /** Per input; Jazzer passes it to libFuzzer as -timeout, so a stalled decode is a finding, not a hung build. */
    @Timeout(30)
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void decode(byte[] bytes) {
        ImageDecoder.Header header;
        BufferedImage image;
        try {
            header = ImageDecoder.probe(bytes, LIMITS);
            image = ImageDecoder.decode(bytes, header);
        } catch (JobFailure f) {
            assertThat(f.code()).as(f.getMessage()).isIn(DOCUMENTED);
            return;
        }
        assertThat(image.getWidth()).isEqualTo(header.upright().width());
        assertThat(image.getHeight()).isEqualTo(header.upright().height());
        PixelSource pixels = new PixelSource(image);
        float[] row = new float[3 * image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            pixels.readRgb(0, y, image.getWidth(), 1, row, 0);
        }
        if (image.getColorModel().hasAlpha()) {
            assertThat(ImageAdjustments.toIntImage(image).getColorModel().hasAlpha()).isTrue();
        }
    }
}
