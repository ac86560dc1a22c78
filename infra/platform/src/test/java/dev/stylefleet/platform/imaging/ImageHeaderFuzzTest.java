package dev.stylefleet.platform.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of what both the gateway and the worker run on untrusted bytes before
 * any decode: {@link ImageType#sniff}, {@link ImageHeader#read} for every type (not only the sniffed one, so
 * each parser sees every kind of garbage) and {@link ExifOrientation#of}. The contract: a header of at least
 * 1 x 1 or {@link ImageHeader.MalformedException}, an orientation 1..8, never another exception, an
 * out-of-memory or a hang.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs as a regression test over the seeds below and the files in
 * {@code ImageHeaderFuzzTestInputs/header} (crashes found earlier); docs/reliability.md "Fuzzing" says how to fuzz.
 */
class ImageHeaderFuzzTest {

    /** The seed corpus: well-formed files of every type, and the malformed ones the unit tests use. */
    static Stream<Arguments> seeds() {
        List<byte[]> s = new ArrayList<>();
        byte[] png = TestImages.png(5, 3);
        byte[] jpeg = TestImages.jpeg(5, 3);
        s.add(png);
        s.add(jpeg);
        s.add(TestImages.gif(5, 3));
        s.add(TestImages.bmp(5, 3));
        s.add(TestImages.webpLossy(5, 3));
        s.add(TestImages.webpLossless(5, 3));
        s.add(TestImages.webpExtended(5, 3));
        s.add(TestImages.pngHeaderOnly(65_535, 65_535));
        s.add(TestImages.pngHeaderOnly(0, 1));
        s.add(TestImages.jpegWithExif(jpeg, TestImages.tiffWithOrientation(6)));
        s.add(TestImages.pngWithExif(png, TestImages.tiffWithOrientation(8)));
        s.add(Arrays.copyOf(png, 20));
        s.add(Arrays.copyOf(jpeg, 30));
        s.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        s.add(new byte[0]);
        return s.stream().map(b -> Arguments.of((Object) b));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void header(byte[] bytes) {
        ImageType.describeStart(bytes);
        ImageType sniffed = ImageType.sniff(bytes).orElse(null);
        for (ImageType type : ImageType.values()) {
            try {
                ImageHeader h = ImageHeader.read(type, bytes);
                assertThat(h.type()).isEqualTo(type);
                assertThat(h.width()).isPositive();
                assertThat(h.height()).isPositive();
                assertThat(h.pixels()).isEqualTo((long) h.width() * h.height());
            } catch (ImageHeader.MalformedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            if (type == sniffed) {
                assertThat(ExifOrientation.of(bytes, type)).isBetween(1, 8);
            }
        }
    }
}
