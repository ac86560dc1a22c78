package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The form {@code train-sr} sends, from its options and {@code --param}s, without a server. */
class TrainSrCommandTest {

    static TrainSrCommand parse(String... args) {
        TrainSrCommand command = new TrainSrCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    static String body(TrainSrCommand command) {
        return new String(command.form().build(), StandardCharsets.UTF_8);
    }

    static String field(String name, String value) {
        return "name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void optionsAndParamsBecomeFormFieldsAndUnsetOnesAreLeftOut() {
        String body = body(parse("--dataset", "photos", "--name", "sr-x8-mine", "--scale", "8", "--iterations", "100",
                "--param", "skip=bicubic", "--param", "upsample=subpixel", "--param", "pixelNorm= l1 "));

        assertThat(body).contains(field("name", "sr-x8-mine"), field("dataset", "photos"), field("scale", "8"),
                field("iterations", "100"), field("skip", "bicubic"), field("upsample", "subpixel"),
                field("pixelNorm", "l1"));
        assertThat(body).doesNotContain("name=\"loss\"", "name=\"seed\"", "name=\"imageSize\"");
    }

    @Test
    void theScaleDefaultsToFour() {
        assertThat(body(parse("--dataset", "photos", "--name", "sr"))).contains(field("scale", "4"));
    }

    @Test
    void unknownKeysKeysGivenTwiceAndEmptyValuesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--dataset", "d", "--name", "n", "--param", "skp=bicubic").form())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--param skp: not a training parameter; known: arch, norm");
        assertThatThrownBy(() -> parse("--dataset", "d", "--name", "n", "--loss", "pixel", "--param", "loss=feature").form())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--param loss: already set by its own option");
        assertThatThrownBy(() -> parse("--dataset", "d", "--name", "n", "--param", "skip").form())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--param skip: needs a value");
        assertThatThrownBy(() -> parse("--dataset", "d", "--name", "n", "--param", "name=other").form())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not a training parameter");
    }
}
