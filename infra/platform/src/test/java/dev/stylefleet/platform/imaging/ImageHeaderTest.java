package dev.stylefleet.platform.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header reader on generated images and hand-made headers, truncated and malformed ones included. */
class ImageHeaderTest {

    private static ImageHeader read(byte[] bytes) throws ImageHeader.MalformedException {
        return ImageHeader.read(ImageType.sniff(bytes).orElseThrow(), bytes);
    }

    @Test
    void pngFromImageIo() throws Exception {
        assertThat(read(TestImages.png(37, 23))).isEqualTo(new ImageHeader(ImageType.PNG, 37, 23));
    }

    /** Issue 15: every valid PNG of the colour type x depth x tRNS x Adam7 matrix has a readable header. */
    @Test
    void everyPngVariantOfTheMatrix() throws Exception {
        for (PngVariant v : PngVariant.all()) {
            assertThat(read(v.bytes())).as("%s", v).isEqualTo(new ImageHeader(ImageType.PNG, v.width(), v.height()));
        }
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
    void gifFromImageIoGivesTheFirstFrameSize() throws Exception {
        assertThat(read(TestImages.gif(33, 21))).isEqualTo(new ImageHeader(ImageType.GIF, 33, 21));
    }

    @Test
    void gifSkipsItsColourTableAndExtensions() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        // logical screen 500 x 400, global colour table of 2 entries (flags 0x80, size bits 0)
        b.writeBytes(new byte[] {(byte) 0xF4, 0x01, (byte) 0x90, 0x01, (byte) 0x80, 0, 0});
        b.writeBytes(new byte[6]);
        // graphic control extension, then a comment extension of two sub-blocks
        b.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0});
        b.writeBytes(new byte[] {0x21, (byte) 0xFE, 2, 'h', 'i', 1, '!', 0});
        // image descriptor: at (10, 20), 300 x 200
        b.writeBytes(new byte[] {0x2C, 10, 0, 20, 0, 0x2C, 0x01, (byte) 0xC8, 0, 0});
        assertThat(read(b.toByteArray())).isEqualTo(new ImageHeader(ImageType.GIF, 300, 200));
    }

    @Test
    void gifWithoutAnImage() {
        byte[] b = {'G', 'I', 'F', '8', '7', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B};
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("no image");
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(b, 13)))
                .isInstanceOf(ImageHeader.MalformedException.class).hasMessageContaining("truncated");
    }

    @Test
    void bmpFromImageIo() throws Exception {
        assertThat(read(TestImages.bmp(19, 7))).isEqualTo(new ImageHeader(ImageType.BMP, 19, 7));
    }

    @Test
    void bmpStoredTopDownHasANegativeHeight() throws Exception {
        byte[] b = TestImages.bmp(19, 7);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(22, -7);
        assertThat(read(b)).isEqualTo(new ImageHeader(ImageType.BMP, 19, 7));
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, -19);
        assertThatThrownBy(() -> read(b)).isInstanceOf(ImageHeader.MalformedException.class)
                .hasMessageContaining("impossible size");
    }
}
