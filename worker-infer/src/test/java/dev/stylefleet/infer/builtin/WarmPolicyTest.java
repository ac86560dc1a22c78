package dev.stylefleet.infer.builtin;

import dev.stylefleet.infer.model.StyleModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ModelManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmPolicyTest {
    static final ModelManifest WAVE = StyleModels.manifest("wave", 1, InferJobRequested.TASK_STYLIZE, new byte[] {1});
    static final ModelManifest UDNIE = StyleModels.manifest("udnie", 1, InferJobRequested.TASK_STYLIZE, new byte[] {2});
    static final ModelManifest BICUBIC = StyleModels.manifest("bicubic-x4", 4, InferJobRequested.TASK_SUPER_RESOLVE,
            new byte[] {3});
    static final List<ModelManifest> ALL = List.of(BICUBIC, WAVE, UDNIE);

    @Test
    void theDefaultWarmsEveryBuiltinStyleAndNothingElse() {
        assertThat(WarmPolicy.parse(List.of(WarmPolicy.BUILTIN_STYLES))).isEqualTo(WarmPolicy.DEFAULT);
        assertThat(WarmPolicy.DEFAULT.select(ALL)).containsExactly(WAVE, UDNIE);
    }

    @Test
    void tokensAddUpAndNoneTurnsItOff() {
        assertThat(WarmPolicy.parse(List.of("builtin")).select(ALL)).containsExactly(BICUBIC, WAVE, UDNIE);
        assertThat(WarmPolicy.parse(List.of("udnie", " bicubic-x4 ")).select(ALL)).containsExactly(BICUBIC, UDNIE);
        assertThat(WarmPolicy.parse(List.of("none")).select(ALL)).isEmpty();
        assertThat(WarmPolicy.parse(List.of("builtin-styles", "bicubic-x4")).select(ALL)).containsExactly(BICUBIC, WAVE, UDNIE);
        // An id that is not a built-in warms nothing: only built-ins are candidates.
        assertThat(WarmPolicy.parse(List.of("someone-elses-model")).select(ALL)).isEmpty();
    }

    @Test
    void refusesWhatIsNeitherAKeywordNorAnId() {
        assertThatThrownBy(() -> WarmPolicy.parse(List.of("All Styles"))).hasMessageContaining("stylefleet.infer.warm");
        assertThatThrownBy(() -> WarmPolicy.parse(List.of("none", "wave"))).hasMessageContaining("none");
    }
}
