package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the Kafka message codecs. Input: one byte choosing the codec, then
 * the payload. The contract: {@link MessageCodec#decode} answers a message or throws
 * {@link InvalidMessageException}, nothing else; and what it answers encodes again (a consumer can always
 * forward what it accepted) to bytes that decode to a message encoding to the same bytes.
 *
 * <p>Seeded with one full sample of every message type; past crashes live in
 * {@code MessageCodecFuzzTestInputs/codec}.
 */
class MessageCodecFuzzTest {

    static final List<MessageCodec<?>> CODECS = List.of(Messages.INFER_JOB_REQUESTED, Messages.TRAIN_JOB_REQUESTED,
            Messages.JOB_EVENT, Messages.JOB_RECORD, Messages.CANCEL_REQUESTED, Messages.DEAD_LETTER,
            Messages.MODEL_MANIFEST);

    static final List<Object> SAMPLES = List.of(SampleMessages.infer(), SampleMessages.train(), SampleMessages.event(),
            SampleMessages.record(), SampleMessages.cancel(), SampleMessages.deadLetter(), SampleMessages.manifest());

    static Stream<Arguments> seeds() {
        return IntStream.range(0, CODECS.size()).mapToObj(i -> {
            byte[] payload = encode(CODECS.get(i), SAMPLES.get(i));
            byte[] input = new byte[payload.length + 1];
            input[0] = (byte) i;
            System.arraycopy(payload, 0, input, 1, payload.length);
            return Arguments.of((Object) input);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(MessageCodec<T> codec, Object message) {
        return codec.encode((T) message);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void codec(byte[] input) {
        if (input.length == 0) {
            return;
        }
        roundTrip(CODECS.get(Math.floorMod(input[0], CODECS.size())), Arrays.copyOfRange(input, 1, input.length));
    }

    private static <T> void roundTrip(MessageCodec<T> codec, byte[] payload) {
        T message;
        try {
            message = codec.decode(payload);
        } catch (InvalidMessageException refused) {
            assertThat(refused.getMessage()).startsWith(codec.name());
            return;
        }
        assertThat(message).isNotNull();
        byte[] encoded = codec.encode(message);
        byte[] again = codec.encode(codec.decode(encoded));
        assertThat(new String(again, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(encoded, java.nio.charset.StandardCharsets.UTF_8));
    }
}
