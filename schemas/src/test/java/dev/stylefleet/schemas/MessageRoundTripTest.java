package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type, with every field set, survives its codec unchanged. */
class MessageRoundTripTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(Messages.INFER_JOB_REQUESTED, SampleMessages.infer()),
                Arguments.of(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train()),
                Arguments.of(Messages.JOB_EVENT, SampleMessages.event()),
                Arguments.of(Messages.JOB_RECORD, SampleMessages.record()),
                Arguments.of(Messages.CANCEL_REQUESTED, SampleMessages.cancel()),
                Arguments.of(Messages.DEAD_LETTER, SampleMessages.deadLetter()),
                Arguments.of(Messages.MODEL_MANIFEST, SampleMessages.manifest()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    <T> void encodeThenDecodeGivesTheSameMessage(MessageCodec<T> codec, T message) {
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    <T> void leavesNullsOut(MessageCodec<T> codec, T message) {
        assertThat(new String(codec.encode(message), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("null");
    }
}
