package dev.stylefleet.infer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
    static final String ZEN3 = """
            processor	: 0
            vendor_id	: AuthenticAMD
            model name	: AMD EPYC 7B13
            flags		: fpu vme sse sse2 avx avx2 fma bmi2

            processor	: 1
            model name	: AMD EPYC 7B13
            flags		: fpu vme sse sse2 avx avx2 fma bmi2
            """;
    static final String EMERALD_RAPIDS = """
            processor	: 0
            model name	: INTEL(R) XEON(R) PLATINUM 8581C CPU @ 2.10GHz
            flags		: fpu avx2 avx512f avx512_vnni avx_vnni amx_bf16 amx_tile amx_int8
            """;

    @Test
    void readsTheModelAndTheFirstFlagsLine() {
        CpuFeatures cpu = CpuFeatures.parse(ZEN3);
        assertThat(cpu.model()).isEqualTo("AMD EPYC 7B13");
        assertThat(cpu.flags()).containsExactlyInAnyOrder("fpu", "vme", "sse", "sse2", "avx", "avx2", "fma", "bmi2");
    }

    @Test
    void theBestInt8DotProductFlagWins() {
        assertThat(CpuFeatures.parse(ZEN3).int8DotProduct()).isEmpty();
        assertThat(CpuFeatures.parse(EMERALD_RAPIDS).int8DotProduct()).contains("amx_int8");
        assertThat(CpuFeatures.parse("flags : avx2 avx_vnni\n").int8DotProduct()).contains("avx_vnni");
        assertThat(CpuFeatures.parse("flags : avx2 avx512f avx512_vnni avx_vnni\n").int8DotProduct())
                .contains("avx512_vnni");
    }

    @Test
    void unreadableTextMeansNoFlags() {
        CpuFeatures cpu = CpuFeatures.parse("garbage without colons");
        assertThat(cpu.model()).isEqualTo("unknown");
        assertThat(cpu.int8DotProduct()).isEmpty();
    }
}
