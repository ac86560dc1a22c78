package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageJobTest {
    @Test
    void theFormatComesFromTheOptionElseTheOutputNameElsePng() {
        assertThat(ImageJob.format("webp", Path.of("out.jpg"))).isEqualTo("webp");
        assertThat(ImageJob.format(null, Path.of("out.JPG"))).isEqualTo("jpeg");
        assertThat(ImageJob.format(null, Path.of("out.webp"))).isEqualTo("webp");
        assertThat(ImageJob.format(null, Path.of("out.tiff"))).isEqualTo("png");
        assertThat(ImageJob.format(null, null)).isEqualTo("png");
    }

    @Test
    void theDefaultOutputSitsNextToTheInputAndNamesTheModel() {
        assertThat(ImageJob.defaultOutput(Path.of("photos/cat.jpeg"), "bicubic-x4", "png"))
                .isEqualTo(Path.of("photos/cat-bicubic-x4.png"));
        assertThat(ImageJob.defaultOutput(Path.of("cat"), "candy", "jpeg")).isEqualTo(Path.of("cat-candy.jpg"));
    }

    @Test
    void styleNamesFromFileNamesFollowTheIdSyntax() {
        assertThat(TrainStyleCommand.defaultName(Path.of("The Starry Night.jpg"))).isEqualTo("the-starry-night");
        assertThat(TrainStyleCommand.defaultName(Path.of("__x.png"))).isEqualTo("x");
        assertThat(TrainStyleCommand.defaultName(Path.of("!!!.png"))).isEqualTo("style");
    }
}
