package dev.stylefleet.infer.imaging;

/**
 * The bits of the WebP RIFF container the worker needs before decoding: whether the file is an
 * animation (VP8X chunk, flag bit 1; or any ANMF frame chunk), and whether the image data is all
 * there. Bounds checked; anything it cannot parse is "not animated" and left to the decoder to judge.
 */
final class WebpContainer {
    private WebpContainer() {}

    static boolean isAnimated(byte[] b) {
        int p = 12;
        while (p + 8 <= b.length) {
            long len = (b[p + 4] & 0xffL) | (b[p + 5] & 0xffL) << 8 | (b[p + 6] & 0xffL) << 16 | (b[p + 7] & 0xffL) << 24;
            String fourcc = new String(b, p, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (fourcc.equals("VP8X") && p + 8 < b.length && (b[p + 8] & 0x02) != 0) {
                return true;
            }
            if (fourcc.equals("ANIM") || fourcc.equals("ANMF")) {
                return true;
            }
            if (len > b.length) {
                return false;
            }
            p += 8 + (int) ((len + 1) & ~1L);
        }
        return false;
    }

    /**
     * Why the file cannot hold a whole picture, or null: the RIFF size or an image chunk's size running
     * past the end of the file, or no image chunk (VP8 or VP8L) at all. TwelveMonkeys' reader returns a
     * picture for such files without a warning (issue 15's hostile set: a VP8X chunk alone decoded to a
     * blank image, a lossless file cut in half to a partly blank one).
     */
    static String incomplete(byte[] b) {
        if (b.length < 12) {
            return "the RIFF header is cut short";
        }
        long riff = le32(b, 4);
        if (riff + 8 > b.length) {
            return "truncated: the RIFF header announces " + (riff + 8) + " bytes, the file has " + b.length;
        }
        int p = 12;
        while (p + 8 <= b.length) {
            long len = le32(b, p + 4);
            String fourcc = new String(b, p, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (p + 8 + len > b.length) {
                return "truncated: the " + fourcc.strip() + " chunk runs past the end of the file";
            }
            if (fourcc.equals("VP8 ") || fourcc.equals("VP8L")) {
                return null;
            }
            p += 8 + (int) ((len + 1) & ~1L);
        }
        return "no image data (no VP8 or VP8L chunk)";
    }

    private static long le32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }
}
