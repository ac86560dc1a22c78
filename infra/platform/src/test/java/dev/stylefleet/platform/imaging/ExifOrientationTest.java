package dev.stylefleet.platform.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    @Test
    void jpegApp1ExifSegment() {
        byte[] jpeg = TestImages.jpeg(24, 16);
        for (int o = 1; o <= 8; o++) {
            assertThat(ExifOrientation.of(TestImages.jpegWithExif(jpeg, TestImages.tiffWithOrientation(o)),
                    ImageType.JPEG)).as("orientation %d", o).isEqualTo(o);
        }
    }

    @Test
    void pngExifChunk() {
        byte[] png = TestImages.pngWithExif(TestImages.png(8, 6), TestImages.tiffWithOrientation(6));
        assertThat(ExifOrientation.of(png, ImageType.PNG)).isEqualTo(6);
    }

    @Test
    void webpExifChunk() {
        // VP8X with the EXIF flag (bit 3), a lossless bitstream, then the EXIF chunk.
        byte[] lossless = Arrays.copyOfRange(TestImages.webpLossless(8, 6), 20, 25);
        byte[] webp = TestImages.riff("VP8X", TestImages.vp8x(0x08, 8, 6), "VP8L", lossless,
                "EXIF", TestImages.tiffWithOrientation(8));
        assertThat(ExifOrientation.of(webp, ImageType.WEBP)).isEqualTo(8);
    }

    @Test
    void absentMeansUpright() {
        assertThat(ExifOrientation.of(TestImages.jpeg(8, 8), ImageType.JPEG)).isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.png(8, 8), ImageType.PNG)).isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.webpLossless(8, 8), ImageType.WEBP)).isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.gif(8, 8), ImageType.GIF)).isEqualTo(1);
    }

    @Test
    void malformedExifMeansUprightNeverAnException() {
        byte[] jpeg = TestImages.jpeg(24, 16);
        byte[] oversized = TestImages.tiffWithOrientation(6);
        oversized[8] = 0x7F; // IFD0 claims 0x7F01 entries, far more than the block holds
        oversized[9] = 0x01;
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(jpeg, oversized), ImageType.JPEG)).isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(jpeg, TestImages.tiffWithOrientation(9)),
                ImageType.JPEG)).as("out of range").isEqualTo(1);
        byte[] notTiff = TestImages.tiffWithOrientation(6);
        notTiff[0] = 'X';
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(jpeg, notTiff), ImageType.JPEG)).isEqualTo(1);
        byte[] cut = TestImages.jpegWithExif(jpeg, TestImages.tiffWithOrientation(6));
        assertThat(ExifOrientation.of(Arrays.copyOf(cut, 30), ImageType.JPEG)).isEqualTo(1);
        assertThat(ExifOrientation.of(new byte[0], ImageType.PNG)).isEqualTo(1);
    }

    @Test
    void anIfdPointerOutsideTheBlockFallsBackToTheUsualOffset() {
        // metadata-extractor's leniency: IFD0 almost always follows the 8-byte TIFF header, and there
        // this block does hold a well-formed orientation entry.
        byte[] farIfd = TestImages.tiffWithOrientation(6);
        farIfd[4] = 0x7F; // IFD0 at 0x7F000008
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(TestImages.jpeg(24, 16), farIfd), ImageType.JPEG))
                .isEqualTo(6);
    }

    @Test
    void applyTurnsThePixelsUpright() {
        // 3 x 2, stored as a camera held clockwise would: orientation 6 means "turn 90 degrees clockwise".
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int n = 0;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                stored.setRGB(x, y, ++n);
            }
        }
        BufferedImage upright = ExifOrientation.apply(stored, 6);
        assertThat(upright.getWidth()).isEqualTo(2);
        assertThat(upright.getHeight()).isEqualTo(3);
        // Upright (dx, dy) comes from stored (dy, h-1-dx): the bottom-left stored pixel ends top-left.
        assertThat(upright.getRGB(0, 0) & 0xFFFFFF).isEqualTo(stored.getRGB(0, 1) & 0xFFFFFF);
        assertThat(upright.getRGB(1, 0) & 0xFFFFFF).isEqualTo(stored.getRGB(0, 0) & 0xFFFFFF);
        assertThat(ExifOrientation.apply(stored, 1)).isSameAs(stored);
        assertThat(ExifOrientation.swapsAxes(6)).isTrue();
        assertThat(ExifOrientation.swapsAxes(3)).isFalse();
    }

    /**
     * Found by ImageHeaderFuzzTest: a 60-byte WebP whose first chunk declares 944 MB made metadata-extractor
     * allocate it (16 s, GBs of heap). A chunk larger than the file now means "no orientation", read nothing.
     */
    @Test
    void chunkLargerThanTheFileIsNotRead() {
        byte[] webp = java.util.Base64.getDecoder().decode("UklGRhYAAABXRUJQVlA4WApWUDggAAj///8M/wAABL29vb29vb29vb29vb29vb29"
                + "vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb29vQAAAgAA");
        assertThat(ExifOrientation.chunksFit(webp, ImageType.WEBP)).isFalse();
        assertThat(ExifOrientation.of(webp, ImageType.WEBP)).isEqualTo(1);

        byte[] png = TestImages.png(4, 4);
        byte[] hugeExif = TestImages.splice(png, 33, new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 'e', 'X', 'I', 'f'});
        assertThat(ExifOrientation.chunksFit(hugeExif, ImageType.PNG)).isFalse();
        assertThat(ExifOrientation.of(hugeExif, ImageType.PNG)).isEqualTo(1);

        assertThat(ExifOrientation.chunksFit(png, ImageType.PNG)).isTrue();
        assertThat(ExifOrientation.chunksFit(TestImages.webpExtended(5, 3), ImageType.WEBP)).isTrue();
    }
}
