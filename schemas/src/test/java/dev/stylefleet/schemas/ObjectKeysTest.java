package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The object-store layout: where each object lives, and keys that depend only on what they name. */
class ObjectKeysTest {

    @Test
    void aJobsResultKeyDependsOnlyOnItsJobSoARedeliveryOverwritesIt() {
        assertThat(ObjectKeys.result("job-1", "png")).isEqualTo(ObjectKeys.result("job-1", "png"))
                .isEqualTo("results/job-1/result.png");
        assertThat(ObjectKeys.result("job-1", "png")).isNotEqualTo(ObjectKeys.result("job-2", "png"));
        assertThat(ObjectKeys.input("t", "job-1")).isEqualTo(ObjectKeys.input("t", "job-1"))
                .isEqualTo("inputs/t/job-1/input");
    }

    @Test
    void dataBucketLayout() {
        assertThat(ObjectKeys.checkpoint("job-1", 200)).isEqualTo("checkpoints/job-1/step-200/");
        assertThat(ObjectKeys.preview("job-1", 200)).isEqualTo("previews/job-1/step-200.png");
        assertThat(ObjectKeys.dataset("t", "coco")).isEqualTo("datasets/t/coco/");
        assertThat(ObjectKeys.upload("t", "u-1")).isEqualTo("uploads/t/u-1");
        assertThat(ObjectKeys.style("t", "s-1")).isEqualTo("styles/t/s-1/");
    }

    @Test
    void modelRegistryLayoutKeepsEveryFileOfAVersionUnderItsPrefix() {
        String prefix = ObjectKeys.modelPrefix("sr-x4");
        assertThat(prefix).isEqualTo("models/sr-x4/");
        assertThat(ObjectKeys.modelOnnx("sr-x4", "3")).isEqualTo("models/sr-x4/3/model.onnx");
        assertThat(ObjectKeys.modelManifest("sr-x4", "3")).isEqualTo("models/sr-x4/3/model.json");
        assertThat(ObjectKeys.modelPreview("sr-x4", "3")).isEqualTo("models/sr-x4/3/preview.jpg");
        assertThat(ObjectKeys.modelCard("sr-x4", "3")).isEqualTo("models/sr-x4/3/card.json");
        assertThat(ObjectKeys.modelCardMarkdown("sr-x4", "3")).isEqualTo("models/sr-x4/3/card.md");
        assertThat(ObjectKeys.modelNotice("LICENSE-x.txt")).isEqualTo("notices/LICENSE-x.txt");
    }

    @Test
    void perTenantPrefixesDoNotOverlapAcrossTenants() {
        // "a" must not be a prefix of "ab"'s objects: every tenant segment ends with a slash.
        assertThat(ObjectKeys.input("ab", "j")).doesNotStartWith("inputs/a/");
        assertThat(ObjectKeys.dataset("ab", "d")).doesNotStartWith(ObjectKeys.dataset("a", "d"));
        assertThat(ObjectKeys.style("ab", "s")).doesNotStartWith("styles/a/");
    }

    @Test
    void twoBuckets() {
        assertThat(Buckets.ALL).containsExactly(Buckets.DATA, Buckets.MODELS).doesNotHaveDuplicates();
    }
}
