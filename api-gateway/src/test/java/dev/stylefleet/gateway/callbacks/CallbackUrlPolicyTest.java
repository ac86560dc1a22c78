package dev.stylefleet.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard on address literals (no DNS needed): what is refused, and what the allow-list lets through. */
class CallbackUrlPolicyTest {
    private final CallbackUrlPolicy none = new CallbackUrlPolicy(List.of());

    @Test
    void loopbackIsRefusedWithoutTheAllowListAndAcceptedWithIt() {
        String url = "http://127.0.0.1:8099/hook";
        CallbackUrlPolicy.Verdict refused = none.check(url);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).contains("127.0.0.1", "loopback");

        CallbackUrlPolicy allowing = new CallbackUrlPolicy(List.of("127.0.0.1:8099"));
        assertThat(allowing.check(url).allowed()).isTrue();
        // The entry names a port: the same host on another port stays refused.
        assertThat(allowing.check("http://127.0.0.1:8100/hook").allowed()).isFalse();
    }

    @Test
    void internalAddressesAreRefused() {
        for (String url : List.of("http://localhost/x", "http://127.1.2.3/", "http://10.0.0.5/", "http://172.16.9.1/",
                "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/",
                "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
                "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/")) {
            assertThat(none.check(url).allowed()).as(url).isFalse();
        }
    }

    @Test
    void publicAddressesPass() {
        assertThat(none.check("https://93.184.216.34/hook").allowed()).isTrue();
        assertThat(none.check("http://[2606:4700:4700::1111]:8443/hook").allowed()).isTrue();
    }

    @Test
    void cidrEntriesCoverTheirBlock() {
        CallbackUrlPolicy p = new CallbackUrlPolicy(List.of("10.1.0.0/16"));
        assertThat(p.check("http://10.1.200.3/").allowed()).isTrue();
        assertThat(p.check("http://10.2.0.1/").allowed()).isFalse();
    }

    @Test
    void syntax() {
        assertThat(CallbackUrlPolicy.syntaxProblem("ftp://example.com/")).contains("http");
        assertThat(CallbackUrlPolicy.syntaxProblem("http://user:pw@example.com/")).contains("credentials");
        assertThat(CallbackUrlPolicy.syntaxProblem("/relative")).isNotNull();
        assertThat(CallbackUrlPolicy.syntaxProblem("https://example.com/hook?x=1")).isNull();
    }

    @Test
    void badAllowListEntriesStopStartUp() {
        assertThatThrownBy(() -> new CallbackUrlPolicy(List.of("example.com"))).hasMessageContaining("allow-list");
    }
}
