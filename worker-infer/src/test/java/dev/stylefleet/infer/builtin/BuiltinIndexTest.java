package dev.stylefleet.infer.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuiltinIndexTest {
    static BuiltinIndex parse(String json) {
        return BuiltinIndex.parse(json.getBytes(StandardCharsets.UTF_8), "styles/index.json");
    }

    @Test
    void readsIdsInOrderAndTheNotice() {
        BuiltinIndex i = parse("{\"ids\": [\"wave\", \"la-muse\", \"rain-princess\"], \"notice\": \"NOTICE-x.txt\"}");
        assertThat(i.ids()).containsExactly("wave", "la-muse", "rain-princess");
        assertThat(i.notice()).isEqualTo("NOTICE-x.txt");
        assertThat(parse("{\"ids\": []}")).isEqualTo(BuiltinIndex.EMPTY);
    }

    @Test
    void refusesWhatWouldBreakTheRegistryOrLeaveTheRoot() {
        assertThatThrownBy(() -> parse("[\"wave\"]")).hasMessageContaining("styles/index.json").hasMessageContaining("object");
        assertThatThrownBy(() -> parse("{\"styles\": []}")).hasMessageContaining("\"ids\"");
        assertThatThrownBy(() -> parse("{\"ids\": [\"Wave\"]}")).hasMessageContaining("must match");
        assertThatThrownBy(() -> parse("{\"ids\": [\"../etc\"]}")).hasMessageContaining("must match");
        assertThatThrownBy(() -> parse("{\"ids\": [3]}")).hasMessageContaining("must match");
        assertThatThrownBy(() -> parse("{\"ids\": [\"wave\", \"wave\"]}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("{\"ids\": [], \"notice\": \"../NOTICE\"}")).hasMessageContaining("notice");
        assertThatThrownBy(() -> parse("{\"ids\": [], \"notice\": \"sub/NOTICE\"}")).hasMessageContaining("notice");
        assertThatThrownBy(() -> parse("{\"ids\": [")).hasMessageContaining("not valid JSON");
    }
}
