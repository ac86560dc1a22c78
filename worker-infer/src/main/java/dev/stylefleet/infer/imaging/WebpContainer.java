package dev.stylefleet.infer.imaging;

/**
 * The bits of the WebP RIFF container the worker needs before decoding: whether the file is an
 * animation (VP8X chunk, flag bit 1; or any ANMF frame chunk). Bounds checked; anything it cannot
 * parse is "not animated" and left to the decoder to judge.
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
}
