package dev.stylefleet.infer.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, defect 7: what the worker allocates to decode the report's large inputs, measured on this
 * thread ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, exact and unaffected by
 * other threads or by when the collector runs), bounded by figures derived from the pixel limits rather
 * than from the file.
 *
 * <p>With {@code maxSide}, the decode reads at most (4 x target pixels) x subsampling margin: the bound
 * is the encoded file twice (the reader's stream cache), plus 8 bytes (16-bit RGBA) for each of the
 * {@link #READ_FACTOR} x target pixels the subsampled read may keep, plus the shrink's 4-byte output.
 * Before the fix, the 16384 x 3906 16-bit panorama allocated its 384 MB raster, a 256 MB int copy and
 * every halving step (over 700 MB) for a 2048-pixel result.
 */
class LargeDecodeAllocationTest {
    /** The subsampled read keeps fewer than (2 x 2) x 2² = 16 source pixels per output pixel. */
    static final int READ_FACTOR = 16;
    static final int MAX_BYTES_PER_SAMPLE_PIXEL = 8;
    static final int OUTPUT_BYTES_PER_PIXEL = 4;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void thePanoramaWithMaxSideIsReadAtAReducedSize() {
        byte[] png = LargeInputs.panorama16Bit();
        int maxSide = 2048;
        ImageDecoder.Header header = ImageDecoder.probe(png, ImageLimits.defaults());
        int tw = maxSide;
        int th = (int) Math.round(header.height() * (double) maxSide / header.width());
        long before = allocated();
        BufferedImage image = ImageDecoder.decode(png, header, tw, th);
        BufferedImage shrunk = ImageAdjustments.shrinkTo(image, tw, th);
        long used = allocated() - before;
        assertThat(shrunk.getWidth()).isEqualTo(tw);
        assertThat(shrunk.getHeight()).isEqualTo(th);
        long targetPixels = (long) tw * th;
        long bound = 2L * png.length + (long) READ_FACTOR * targetPixels * MAX_BYTES_PER_SAMPLE_PIXEL
                + targetPixels * OUTPUT_BYTES_PER_PIXEL;
        System.out.printf("16384x3906 16-bit, maxSide %d: allocated %d MB (bound %d MB, file %d MB)%n", maxSide,
                used >> 20, bound >> 20, png.length >> 20);
        assertThat(used).isLessThan(bound);
    }

    /**
     * Without maxSide the raster itself is needed: the decode may allocate it (3 bytes a pixel for 8-bit
     * RGB), as much again in short-lived row buffers (the JDK's PNG reader allocates per row: measured
     * 2.0 x the raster in all for 8-bit RGB), the encoded file twice, and a quarter of the raster as
     * slack; not a third full-size copy (a conversion to packed ints would be another 256 MB).
     */
    @Test
    void the8000x8000PngAllocatesOneRaster() {
        byte[] png = LargeInputs.square8000();
        ImageDecoder.Header header = ImageDecoder.probe(png, ImageLimits.defaults());
        long before = allocated();
        BufferedImage image = ImageDecoder.decode(png, header);
        long used = allocated() - before;
        assertThat(image.getWidth()).isEqualTo(8000);
        long raster = header.upright().pixels() * 3;
        long bound = 2L * png.length + 2 * raster + raster / 4;
        System.out.printf("8000x8000 8-bit: allocated %d MB (bound %d MB, file %d MB)%n", used >> 20, bound >> 20,
                png.length >> 20);
        assertThat(used).isLessThan(bound);
    }
}
