package dev.stylefleet.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ImageValidatorTest {

    /** The documented defaults, except a small byte limit so that the test can exceed it cheaply. */
    private final ImageValidator validator = new ImageValidator(new GatewayConfig.Limits() {
        @Override
        public long maxUploadBytes() {
            return 100_000;
        }

        @Override
        public long maxPixels() {
            return 64_000_000;
        }

        @Override
        public int maxSide() {
            return 16_384;
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

    private static void refused(ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo("image");
            assertThat(e.getMessage()).startsWith("image:").contains(messagePart);
        });
    }

    @Test
    void acceptsRealPngAndJpegAndWebpHeaders() {
        assertThat(validator.validate(TestImages.png(64, 48))).isEqualTo(new ImageHeader(ImageType.PNG, 64, 48));
        assertThat(validator.validate(TestImages.jpeg(64, 48))).isEqualTo(new ImageHeader(ImageType.JPEG, 64, 48));
        assertThat(validator.validate(TestImages.webpLossless(640, 480)).type()).isEqualTo(ImageType.WEBP);
    }

    /** Issue 15: every valid PNG of the colour type x depth x tRNS x Adam7 matrix is accepted as it is. */
    @Test
    void acceptsEveryVariantOfThePngMatrix() {
        for (dev.stylefleet.platform.imaging.PngVariant v : dev.stylefleet.platform.imaging.PngVariant.all()) {
            assertThat(validator.validate(v.bytes())).as("%s", v)
                    .isEqualTo(new ImageHeader(ImageType.PNG, v.width(), v.height()));
        }
    }

    @Test
    void emptyIsInvalid() {
        refused(() -> validator.validate(new byte[0]), ErrorCode.INVALID_IMAGE, "empty");
    }

    @Test
    void overTheByteLimitIsTooLarge() {
        refused(() -> validator.checkSize(100_001), ErrorCode.IMAGE_TOO_LARGE, "at most 100000 bytes");
        refused(() -> validator.validate(new byte[100_001]), ErrorCode.IMAGE_TOO_LARGE, "100001 bytes");
    }

    @Test
    void textNamedPngIsUnsupported() {
        refused(() -> validator.validate("not an image at all".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.UNSUPPORTED_IMAGE_TYPE, "PNG, JPEG, WebP");
    }

    @Test
    void gifAndBmpAreImagesButNotOnesTheApiTakes() {
        // The shared sniffer knows them (the worker decodes them); uploads are PNG, JPEG or WebP only.
        refused(() -> validator.validate(TestImages.encode(TestImages.gradient(8, 8), "gif")),
                ErrorCode.UNSUPPORTED_IMAGE_TYPE, "PNG, JPEG, WebP");
        refused(() -> validator.validate(TestImages.encode(TestImages.gradient(8, 8), "bmp")),
                ErrorCode.UNSUPPORTED_IMAGE_TYPE, "PNG, JPEG, WebP");
    }

    @Test
    void hugeHeaderIsTooLargeWithoutDecoding() {
        refused(() -> validator.validate(TestImages.pngHeaderOnly(100_000, 100_000)),
                ErrorCode.IMAGE_TOO_LARGE, "at most 16384 pixels");
    }

    @Test
    void pixelLimitAppliesWhenEachSideIsAllowed() {
        refused(() -> validator.validate(TestImages.pngHeaderOnly(10_000, 10_000)),
                ErrorCode.IMAGE_TOO_LARGE, "at most 64000000 pixels");
        refused(() -> validator.validate(TestImages.webpExtended(16_000, 16_000)),
                ErrorCode.IMAGE_TOO_LARGE, "256000000 pixels");
    }

    @Test
    void truncatedPngIsInvalid() {
        refused(() -> validator.validate(TestImages.truncated(TestImages.png(200, 150), 0.6)),
                ErrorCode.INVALID_IMAGE, "truncated or corrupt");
    }

    @Test
    void headerOnlyPngWithinLimitsIsInvalid() {
        refused(() -> validator.validate(TestImages.pngHeaderOnly(10, 10)), ErrorCode.INVALID_IMAGE, "PNG");
    }

    @Test
    void truncatedJpegIsInvalid() {
        refused(() -> validator.validate(TestImages.truncated(TestImages.jpeg(200, 150), 0.6)),
                ErrorCode.INVALID_IMAGE, "truncated or corrupt");
    }

    @Test
    void malformedHeaderIsInvalid() {
        byte[] webp = TestImages.riff("ALPH", new byte[10]);
        refused(() -> validator.validate(webp), ErrorCode.INVALID_IMAGE, "unreadable WEBP header");
    }

    /** What a presigned upload gets: the header checks on the file's first bytes, its size given apart. */
    @Test
    void validateHeaderChecksTheHeadAndTheGivenSize() {
        byte[] head = java.util.Arrays.copyOf(TestImages.png(64, 48), 40);
        assertThat(validator.validateHeader(head, 90_000)).isEqualTo(new ImageHeader(ImageType.PNG, 64, 48));
        refused(() -> validator.validateHeader(head, 100_001), ErrorCode.IMAGE_TOO_LARGE, "100001 bytes");
        refused(() -> validator.validateHeader(head, 0), ErrorCode.INVALID_IMAGE, "empty");
        refused(() -> validator.validateHeader(TestImages.pngHeaderOnly(20_000, 10), 90_000), ErrorCode.IMAGE_TOO_LARGE, "16384");
        refused(() -> validator.validateHeader("GIF89a....".getBytes(StandardCharsets.US_ASCII), 90_000),
                ErrorCode.UNSUPPORTED_IMAGE_TYPE, "not a PNG");
    }
}
