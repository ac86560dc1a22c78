package dev.stylefleet.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.gateway.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {

    private static ImageHeader read(byte[] bytes) throws ImageHeader.MalformedException {
        return ImageHeader.read(ImageType.sniff(bytes).orElseThrow(), bytes);
    }

    @Test
    void pngFromImageIo() throws Exception {
        assertThat(read(TestImages.png(37, 23))).isEqualTo(new ImageHeader(ImageType.PNG, 37, 23));
    }

    @Test
    void pngHeaderIsReadWithoutPixelData() throws Exception {
        ImageHeader h = read(TestImages.pngHeaderOnly(100_000, 100_000));
        assertThat(h.width()).isEqualTo(100_000);
        assertThat(h.pixels()).isEqualTo(10_000_000_000L);
    }

    @Test
    void pngTruncatedBeforeIhdrEnds() {
        byte[] head = java.util.Arrays.copyOf(TestImages.png(8, 8), 20);
        assertThatThrownBy(() -> read(head)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("IHDR");
    }

    @Test
    void pngWhoseFirstChunkIsNotIhdr() {
        byte[] b = TestImages.pngHeaderOnly(10, 10);
        b[12] = 'g'; // "gHDR"
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class);
    }

    @Test
    void pngWithZeroWidth() {
        assertThatThrownBy(() -> read(TestImages.pngHeaderOnly(0, 10)))
                .isInstanceOf(ImageHeader.MalformedException.class).hasMessageContaining("0 x 10");
    }

    @Test
    void jpegFromImageIo() throws Exception {
        assertThat(read(TestImages.jpeg(41, 17))).isEqualTo(new ImageHeader(ImageType.JPEG, 41, 17));
    }

    @Test
    void jpegProgressiveAfterSegmentsAndFillBytes() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        // APP1 whose payload contains 0xFF bytes, which must be skipped by length, not parsed as markers
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, 0x00, 0x06, (byte) 0xFF, (byte) 0xC0, 0x01, 0x02});
        // DHT (C4 is not a frame header even though it is in the C0..CF range)
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC4, 0x00, 0x04, 0x7F, 0x7F});
        // fill bytes, then SOF2: length 11, precision 8, height 200, width 300, 1 component
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xC2, 0x00, 0x0B, 0x08,
                0x00, (byte) 200, 0x01, 0x2C, 0x01, 0x01, 0x11, 0x00});
        assertThat(read(b.toByteArray())).isEqualTo(new ImageHeader(ImageType.JPEG, 300, 200));
    }

    @Test
    void jpegWithScanBeforeFrameHeader() {
        byte[] b = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0x00, 0x02};
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("SOF");
    }

    @Test
    void jpegTruncatedInsideASegment() {
        byte[] b = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F'};
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void webpLossyMasksTheScaleBits() throws Exception {
        assertThat(read(TestImages.webpLossy(640, 480))).isEqualTo(new ImageHeader(ImageType.WEBP, 640, 480));
    }

    @Test
    void webpLossless() throws Exception {
        assertThat(read(TestImages.webpLossless(1000, 700))).isEqualTo(new ImageHeader(ImageType.WEBP, 1000, 700));
        assertThat(read(TestImages.webpLossless(16384, 1))).isEqualTo(new ImageHeader(ImageType.WEBP, 16384, 1));
    }

    @Test
    void webpExtendedCanvasBeyondFourteenBits() throws Exception {
        assertThat(read(TestImages.webpExtended(20_000, 3))).isEqualTo(new ImageHeader(ImageType.WEBP, 20_000, 3));
    }

    @Test
    void webpLossyWithoutStartCode() {
        byte[] b = TestImages.webpLossy(10, 10);
        b[23] = 0;
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("9D 01 2A");
    }

    @Test
    void webpWithUnknownFirstChunk() {
        byte[] b = TestImages.riff("ALPH", new byte[10]);
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("ALPH");
    }

    @Test
    void sniffRecognisesOnlyMagicBytes() {
        assertThat(ImageType.sniff("hello, I am photo.png".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ImageType.sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff(new byte[0])).isEmpty();
        assertThat(ImageType.sniff(TestImages.png(2, 2))).contains(ImageType.PNG);
        assertThat(ImageType.sniff(TestImages.jpeg(2, 2))).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(TestImages.webpLossless(2, 2))).contains(ImageType.WEBP);
    }
}
