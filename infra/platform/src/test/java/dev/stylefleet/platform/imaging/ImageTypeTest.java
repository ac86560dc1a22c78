package dev.stylefleet.platform.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

    @Test
    void recognisesEveryTypeByItsMagicBytes() {
        assertThat(ImageType.sniff(TestImages.png(2, 2))).contains(ImageType.PNG);
        assertThat(ImageType.sniff(TestImages.jpeg(2, 2))).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(TestImages.webpLossless(2, 2))).contains(ImageType.WEBP);
        assertThat(ImageType.sniff(TestImages.gif(2, 2))).contains(ImageType.GIF);
        assertThat(ImageType.sniff(TestImages.bmp(2, 2))).contains(ImageType.BMP);
        assertThat(ImageType.sniff("GIF87a".getBytes(StandardCharsets.US_ASCII))).contains(ImageType.GIF);
    }

    @Test
    void namesAndFileNamesDoNotCount() {
        assertThat(ImageType.sniff("hello, I am photo.png".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ImageType.sniff("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff("GIF90a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        // "BM" alone is two letters of text, not a bitmap: a BMP has at least its headers' first 26 bytes.
        assertThat(ImageType.sniff("BM and then some".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff(new byte[0])).isEmpty();
        assertThat(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void describesTheStartOfWhatItRefuses() {
        assertThat(ImageType.describeStart(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 9}))
                .isEqualTo("50 4B 03 04 14 00 00 00 (a ZIP archive)");
        assertThat(ImageType.describeStart("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).endsWith("(a PDF document)");
        assertThat(ImageType.describeStart(new byte[] {1, 2})).isEqualTo("01 02");
    }

    @Test
    void contentTypesAndImageIoNames() {
        assertThat(ImageType.WEBP.contentType()).isEqualTo("image/webp");
        assertThat(ImageType.JPEG.imageIoName()).isEqualTo("jpeg");
    }
}
