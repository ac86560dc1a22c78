package dev.stylefleet.infer.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinCardTest {
    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStyleCardBecomesManifestOptions() {
        BuiltinCard c = BuiltinCard.parseStyle(json("{\"id\": \"wave\", \"name\": \" The Great Wave \", "
                + "\"painting\": \"The Great Wave off Kanagawa\", \"artist\": \"Hokusai\", \"provenance\": \"ml5\", "
                + "\"licence\": \"MIT\", \"year\": 1831}"), "wave", "wave/card.json");
        assertThat(c.scale()).isEqualTo(1);
        assertThat(c.architecture()).isNull();
        assertThat(c.options()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "The Great Wave",
                "painting", "The Great Wave off Kanagawa", "artist", "Hokusai", "provenance", "ml5", "licence", "MIT"));
        // Only the name is required; absent fields are absent options, not empty strings.
        BuiltinCard bare = BuiltinCard.parseStyle(json("{\"id\": \"udnie\", \"name\": \"Udnie\"}"), "udnie", "c");
        assertThat(bare.options()).containsOnlyKeys("name");
    }

    @Test
    void aStyleCardMustNameItsDirectoryAndHaveAName() {
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"scream\", \"name\": \"x\"}"), "wave", "wave/card.json"))
                .hasMessageContaining("wave/card.json").hasMessageContaining("'wave'");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"wave\"}"), "wave", "c")).hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"wave\", \"name\": \" \"}"), "wave", "c"))
                .hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"wave\", \"name\": \"W\", \"artist\": 5}"), "wave", "c"))
                .hasMessageContaining("\"artist\" must be a string");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"wave\", \"name\": \"W\", \"scale\": 4}"), "wave", "c"))
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("{\"id\": \"wave\", \"name\": \"" + "x".repeat(1001) + "\"}"),
                "wave", "c")).hasMessageContaining("longer than");
        assertThatThrownBy(() -> BuiltinCard.parseStyle(json("not json"), "wave", "c")).hasMessageContaining("not valid JSON");
    }

    @Test
    void aSuperResolutionCardCarriesItsScale() {
        BuiltinCard c = BuiltinCard.parseSuperResolution(json("{\"id\": \"sr-x4\", \"name\": \"SR x4\", \"scale\": 4, "
                + "\"architecture\": \"c9s1-64,R64x4,u64,u64,c9s1-3\"}"), "sr-x4", "sr-x4/card.json");
        assertThat(c.scale()).isEqualTo(4);
        assertThat(c.architecture()).isEqualTo("c9s1-64,R64x4,u64,u64,c9s1-3");
        for (String bad : new String[] {"", ", \"scale\": 1", ", \"scale\": 17", ", \"scale\": \"4\"", ", \"scale\": 4.5"}) {
            assertThatThrownBy(() -> BuiltinCard.parseSuperResolution(json("{\"id\": \"sr-x4\", \"name\": \"S\"" + bad + "}"),
                    "sr-x4", "c")).as(bad).hasMessageContaining("\"scale\"");
        }
    }
}
