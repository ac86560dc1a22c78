package dev.stylefleet.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.platform.imaging.ImageType;
import org.junit.jupiter.api.Test;

/** The output format of a job that names none ({@code stylefleet.api.jpeg-input-format}). */
class DefaultFormatTest {

    @Test
    void aJpegInputGetsTheConfiguredFormatEveryOtherPng() {
        assertThat(SubmissionValidator.defaultFormat(ImageType.JPEG, "jpeg")).isEqualTo("jpeg");
        assertThat(SubmissionValidator.defaultFormat(ImageType.JPEG, "png")).isEqualTo("png");
        assertThat(SubmissionValidator.defaultFormat(ImageType.JPEG, "webp")).isEqualTo("webp");
        for (ImageType t : ImageType.values()) {
            if (t != ImageType.JPEG) {
                assertThat(SubmissionValidator.defaultFormat(t, "jpeg")).as(t.name()).isEqualTo("png");
            }
        }
        assertThat(SubmissionValidator.defaultFormat(null, "jpeg")).isEqualTo("png");
    }

    @Test
    void aConfiguredFormatOutsideTheListIsRefused() {
        assertThatThrownBy(() -> SubmissionValidator.defaultFormat(ImageType.JPEG, "gif"))
                .hasMessageContaining("stylefleet.api.jpeg-input-format");
    }
}
