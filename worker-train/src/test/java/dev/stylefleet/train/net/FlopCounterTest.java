package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlopCounterTest {

    @Test
    void styleAt256() {
        // 2 * MACs, layer by layer at 256x256 (Table 1):
        long expected = 2L * (81L * 3 * 32 * 256 * 256 // c9s1-32
                + 9L * 32 * 64 * 128 * 128 // d64
                + 9L * 64 * 128 * 64 * 64 // d128
                + 10 * 9L * 128 * 128 * 64 * 64 // 5 residual blocks, 2 convs each
                + 9L * 128 * 64 * 64 * 64 // u64: 9*in*out MACs per input pixel (64x64 in)
                + 9L * 64 * 32 * 128 * 128 // u32
                + 81L * 32 * 3 * 256 * 256); // c9s1-3
        assertThat(expected).isEqualTo(16_533_946_368L); // 8.27 GMAC
        assertThat(FlopCounter.count(ArchSpec.preset("style"), NetOptions.PAPER, 256, 256)).isEqualTo(expected);
        // Resize-convolution works at the upsampled size: 4x the deconv's MACs in those two layers.
        long resizeExtra = 2L * 3 * (9L * 128 * 64 * 64 * 64 + 9L * 64 * 32 * 128 * 128);
        assertThat(FlopCounter.count(ArchSpec.preset("style"), NetOptions.PAPER.withUpsample(NetOptions.Upsample.RESIZE),
                256, 256)).isEqualTo(expected + resizeExtra);
    }

    @Test
    void scalesWithPixelsAndCountsThePaddedSize() {
        ArchSpec style = ArchSpec.preset("style");
        long at256 = FlopCounter.count(style, NetOptions.PAPER, 256, 256);
        assertThat(FlopCounter.count(style, NetOptions.PAPER, 512, 512)).isEqualTo(4 * at256);
        assertThat(FlopCounter.count(style, NetOptions.PAPER, 1024, 1024)).isEqualTo(16 * at256);
        assertThat(FlopCounter.count(style, NetOptions.PAPER, 253, 254)).isEqualTo(at256);
        assertThat(FlopCounter.perLayer(style, NetOptions.PAPER, 256, 256)).hasSize(11)
                .first().satisfies(l -> assertThat(l.layer()).isEqualTo("net.l00_c9s1-32"));
    }
}
