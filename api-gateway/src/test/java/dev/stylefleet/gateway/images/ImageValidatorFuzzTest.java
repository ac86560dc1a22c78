package dev.stylefleet.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the gateway's image checks ({@link ImageValidator}: size, magic
 * bytes, header, then {@link PngIntegrity} or a JPEG decode). Input: one control byte, then the file; when
 * the control byte is odd every PNG chunk CRC is recomputed first, so that the fuzzer gets past the CRCs
 * into the IHDR and IDAT checks. The contract: an {@link ApiException} with one of the documented image
 * codes, or a header; and, differentially, a PNG the validator accepts decodes with the JDK's reader to
 * the size its header declares (PngIntegrity promises that "a file that passes decodes").
 */
class ImageValidatorFuzzTest {

    static final Set<ErrorCode> DOCUMENTED = Set.of(ErrorCode.INVALID_IMAGE, ErrorCode.IMAGE_TOO_LARGE,
            ErrorCode.UNSUPPORTED_IMAGE_TYPE);

    /** Small limits keep each decode cheap; the limits themselves are unit-tested. */
    private static final ImageValidator VALIDATOR = new ImageValidator(new GatewayConfig.Limits() {
        @Override
        public long maxUploadBytes() {
            return 1 << 20;
        }

        @Override
        public long maxPixels() {
            return 1 << 20;
        }

        @Override
        public int maxSide() {
            return 4096;
        }

        @Override
        public long multipartOverheadBytes() {
            return 65_536;
        }

        @Override
        public int maxUriLength() {
            return 8192;
        }

        @Override
        public int maxHeaderBytes() {
            return 16_384;
        }
    });

    /** Valid PNGs of every colour type and depth (plain and interlaced), JPEG, WebP, and damaged ones. */
    static Stream<Arguments> seeds() throws IOException {
        List<byte[]> files = new ArrayList<>();
        int[][] typeDepths = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
            {4, 8}, {4, 16}, {6, 8}, {6, 16}};
        for (int[] td : typeDepths) {
            files.add(PngIntegrityTest.png(7, 5, td[0], td[1], false, 0, 0));
            files.add(PngIntegrityTest.png(9, 9, td[0], td[1], true, 1, 0));
        }
        byte[] png = TestImages.png(12, 8);
        byte[] jpeg = TestImages.jpeg(12, 8);
        files.add(png);
        files.add(jpeg);
        files.add(TestImages.webpLossy(12, 8));
        files.add(TestImages.webpLossless(12, 8));
        files.add(TestImages.webpExtended(12, 8));
        files.add(TestImages.truncated(png, 0.5));
        files.add(TestImages.truncated(jpeg, 0.5));
        files.add(TestImages.pngHeaderOnly(100_000, 100_000));
        return files.stream().flatMap(f -> Stream.of(withControl((byte) 0, f), withControl((byte) 1, f)))
                .map(b -> Arguments.of((Object) b));
    }

    private static byte[] withControl(byte control, byte[] file) {
        byte[] input = new byte[file.length + 1];
        input[0] = control;
        System.arraycopy(file, 0, input, 1, file.length);
        return input;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void validate(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) != 0) {
            fixPngCrcs(file);
        }
        ImageHeader header;
        try {
            header = VALIDATOR.validate(file);
        } catch (ApiException refused) {
            assertThat(refused.code()).as(refused.getMessage()).isIn(DOCUMENTED);
            assertThat(refused.field()).isEqualTo("image");
            return;
        }
        assertThat(header.width()).isBetween(1, 4096);
        assertThat(header.height()).isBetween(1, 4096);
        if (header.type() == ImageType.PNG) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(file));
            assertThat(decoded).as("an accepted PNG decodes").isNotNull();
            assertThat(decoded.getWidth()).isEqualTo(header.width());
            assertThat(decoded.getHeight()).isEqualTo(header.height());
        }
    }

    /** Rewrites the CRC of every complete chunk after the signature, in place. */
    static void fixPngCrcs(byte[] b) {
        int p = 8;
        while (p + 12 <= b.length) {
            long length = ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            if (length > b.length - p - 12) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(b, p + 4, (int) length + 4);
            int at = p + 8 + (int) length;
            long v = crc.getValue();
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
            p = at + 4;
        }
    }
}
