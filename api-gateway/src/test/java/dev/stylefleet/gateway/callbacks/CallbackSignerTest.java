package dev.stylefleet.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {
    private static final byte[] BODY = "{\"deliveryId\":\"d1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void headerIsTimestampAndHmacOfTimestampDotBody() {
        // Expected value from Python: hmac.new(b'whsec-test', b'1700000000.' + body, hashlib.sha256).hexdigest()
        assertThat(CallbackSigner.header("whsec-test", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=32490b1876dbe4bd3fdd223ece0261aee5fe386b25c8d523b1d3a8169428e049");
    }

    @Test
    void anyChangeChangesTheSignature() {
        String base = CallbackSigner.hmac("whsec-test", 1_700_000_000L, BODY);
        assertThat(CallbackSigner.hmac("whsec-other", 1_700_000_000L, BODY)).isNotEqualTo(base);
        assertThat(CallbackSigner.hmac("whsec-test", 1_700_000_001L, BODY)).isNotEqualTo(base);
        assertThat(CallbackSigner.hmac("whsec-test", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
    }
}
