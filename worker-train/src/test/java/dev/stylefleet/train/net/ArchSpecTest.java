package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchSpecTest {

    @Test
    void presetsAreTheTablesStrings() {
        assertThat(ArchSpec.preset("style").canonical()).isEqualTo("c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3");
        assertThat(ArchSpec.preset("style-plain").canonical()).isEqualTo("c9s1-32,d64,d128,C128x5,u64,u32,c9s1-3");
        assertThat(ArchSpec.preset("sr4").canonical()).isEqualTo("c9s1-64,R64x4,u64,u64,c9s1-3");
        assertThat(ArchSpec.preset("sr8").canonical()).isEqualTo("c9s1-64,R64x4,u64,u64,u64,c9s1-3");
        assertThat(ArchSpec.preset("style").layers()).hasSize(11);
        assertThat(ArchSpec.preset("style").layers().get(3)).isEqualTo(new LayerSpec.Residual(128));
        assertThat(ArchSpec.preset("style-plain").layers().get(7)).isEqualTo(new LayerSpec.Plain(128));
    }

    @Test
    void parsesTheAuthorsNotation() {
        ArchSpec a = ArchSpec.parse(" c9s1-16, d32 ,R32,R32,u16,c3s1-3");
        assertThat(a.layers()).containsExactly(new LayerSpec.Conv(9, 1, 16), new LayerSpec.Down(32),
                new LayerSpec.Residual(32), new LayerSpec.Residual(32), new LayerSpec.Up(16), new LayerSpec.Conv(3, 1, 3));
        assertThat(a.canonical()).isEqualTo("c9s1-16,d32,R32x2,u16,c3s1-3");
        assertThat(a.preset()).isNull();
        assertThat(a.name()).isEqualTo(a.canonical());
        assertThat(ArchSpec.parse(a.canonical())).isEqualTo(a);
        assertThat(ArchSpec.parse("style").name()).isEqualTo("style");
    }

    @Test
    void scaleIsUpsamplingOverDownsampling() {
        assertThat(ArchSpec.preset("style").downsampleFactor()).isEqualTo(4);
        assertThat(ArchSpec.preset("style").scale()).isEqualTo(1);
        assertThat(ArchSpec.preset("sr4").downsampleFactor()).isEqualTo(1);
        assertThat(ArchSpec.preset("sr4").scale()).isEqualTo(4);
        assertThat(ArchSpec.preset("sr8").scale()).isEqualTo(8);
        assertThat(ArchSpec.parse("c9s2-8,u8,u8,c3s1-3").scale()).isEqualTo(2);
    }

    @Test
    void minimumInputSide() {
        NetOptions zero = NetOptions.PAPER;
        NetOptions reflect = NetOptions.PAPER.withPadding(NetOptions.Padding.REFLECT);
        // Zero padding: only the reflection pad to a multiple of 4 constrains (needs side >= pad + 1).
        assertThat(ArchSpec.preset("style").minInputSide(zero)).isEqualTo(3);
        // Reflect: the first 9x9 conv pads 4, so the padded side must exceed 4: 8, the next multiple
        // of 4 (the residual blocks then see 2 > 1). Inputs 5..8 pad to 8.
        assertThat(ArchSpec.preset("style").minInputSide(reflect)).isEqualTo(5);
        assertThat(ArchSpec.preset("sr4").minInputSide(zero)).isEqualTo(1);
        assertThat(ArchSpec.preset("sr4").minInputSide(reflect)).isEqualTo(5);
    }

    @Test
    void badStringsGetClearErrors() {
        assertThatThrownBy(() -> ArchSpec.parse("c9s1-32,x64,c9s1-3")).hasMessageContaining("'x64'")
                .hasMessageContaining("c<k>s<s>-<f>");
        assertThatThrownBy(() -> ArchSpec.parse("c9s1-32,R64,c9s1-3")).hasMessageContaining("R64")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> ArchSpec.parse("c9s1-32,d64")).hasMessageContaining("must end with");
        assertThatThrownBy(() -> ArchSpec.parse("c8s1-32,c9s1-3")).hasMessageContaining("odd");
        assertThatThrownBy(() -> ArchSpec.parse("c9s1-32,d64,c9s1-3")).hasMessageContaining("upsample");
        assertThatThrownBy(() -> ArchSpec.parse("d64x2,c9s1-3")).hasMessageContaining("repeat");
        assertThatThrownBy(() -> ArchSpec.parse("")).hasMessageContaining("preset");
        assertThatThrownBy(() -> ArchSpec.preset("sr2")).hasMessageContaining("style, style-plain, sr4, sr8");
    }

    @Test
    void optionsParseWireNamesAndRejectOthers() {
        assertThat(NetOptions.Norm.parse("Instance")).isEqualTo(NetOptions.Norm.INSTANCE);
        assertThat(NetOptions.Upsample.parse("resize")).isEqualTo(NetOptions.Upsample.RESIZE);
        assertThatThrownBy(() -> NetOptions.Padding.parse("replicate"))
                .hasMessage("padding must be one of zero, reflect, same, got 'replicate'");
        assertThatThrownBy(() -> NetOptions.PAPER.withWidth(0)).hasMessageContaining("width");
        assertThat(NetOptions.PAPER.withWidth(0.25).channels(128)).isEqualTo(32);
        assertThat(NetOptions.PAPER.withWidth(0.01).channels(32)).isEqualTo(1);
    }
}
