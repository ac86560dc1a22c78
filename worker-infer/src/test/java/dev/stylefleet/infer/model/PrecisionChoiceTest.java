package dev.stylefleet.infer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecisionChoiceTest {
    static final String FP32_SHA = "a".repeat(64);
    static final String INT8_SHA = "b".repeat(64);
    static final ModelManifest WITHOUT = new ModelManifest(Messages.SCHEMA_VERSION, "wave", "1", "stylize", 1,
            "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3", FP32_SHA, 3_000_000L, Instant.EPOCH, null, null, Map.of());
    static final ModelManifest WITH = WITHOUT.withInt8(new Int8Variant(INT8_SHA, 1_000_000L, "16 photos", 4, 38.0,
            41.0, 39.5, null, null, null, null));
    static final CpuFeatures VNNI = CpuFeatures.parse("model name : test\nflags : avx2 avx512f avx512_vnni\n");
    static final CpuFeatures AVX2 = CpuFeatures.parse("model name : test\nflags : avx2 fma\n");

    @Test
    void autoTakesInt8OnlyWithAVariantAndInt8DotProducts() {
        assertThat(PrecisionChoice.decide(null, WITH, VNNI)).isEqualTo(new PrecisionChoice("int8",
                "auto: the model has an int8 variant and the CPU has avx512_vnni"));
        assertThat(PrecisionChoice.decide("auto", WITH, AVX2).used()).isEqualTo("fp32");
        assertThat(PrecisionChoice.decide("auto", WITH, AVX2).reason())
                .contains("no int8 dot-product instructions").contains("amx_int8, avx512_vnni, avx_vnni");
        assertThat(PrecisionChoice.decide("auto", WITHOUT, VNNI))
                .isEqualTo(new PrecisionChoice("fp32", "auto: the model has no int8 variant"));
    }

    @Test
    void anExplicitPrecisionIsObeyedWhatEverTheCpu() {
        assertThat(PrecisionChoice.decide("fp32", WITH, VNNI)).isEqualTo(new PrecisionChoice("fp32", "requested fp32"));
        assertThat(PrecisionChoice.decide("int8", WITH, AVX2)).isEqualTo(new PrecisionChoice("int8", "requested int8"));
    }

    @Test
    void int8WithoutAVariantOrAnUnknownPrecisionFailsTheJob() {
        assertThatThrownBy(() -> PrecisionChoice.decide("int8", WITHOUT, VNNI)).isInstanceOf(JobFailure.class)
                .hasMessageContaining("no int8 variant")
                .satisfies(e -> assertThat(((JobFailure) e).code()).isEqualTo(ErrorCode.INVALID_OPTIONS));
        assertThatThrownBy(() -> PrecisionChoice.decide("fp16", WITH, VNNI)).isInstanceOf(JobFailure.class)
                .hasMessageContaining("allowed: fp32, int8, auto");
    }

    @Test
    void theInt8SessionIsKeyedByTheVariantsBytes() {
        ModelManifest int8 = PrecisionChoice.decide("int8", WITH, VNNI).sessionManifest(WITH);
        assertThat(int8.sha256()).isEqualTo(INT8_SHA);
        assertThat(int8.sizeBytes()).isEqualTo(1_000_000L);
        assertThat(int8.modelId()).isEqualTo("wave");
        assertThat(int8.scale()).isEqualTo(1);
        assertThat(PrecisionChoice.decide("fp32", WITH, VNNI).sessionManifest(WITH)).isSameAs(WITH);
    }
}
