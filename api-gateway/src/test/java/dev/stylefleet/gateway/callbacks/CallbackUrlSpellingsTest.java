package dev.stylefleet.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard over a table of IPv6 spellings that embed an IPv4 address (issue 15, defect 3:
 * {@code [64:ff9b::7f00:1]} and {@code [2002:7f00:1::]} were accepted): each is refused when an embedded
 * address is internal, allowed when all are public. Literals only, so no DNS is needed.
 */
class CallbackUrlSpellingsTest {
    private final CallbackUrlPolicy none = new CallbackUrlPolicy(List.of());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # the two spellings of the issue
            http://[64:ff9b::7f00:1]/                          | refused | 127.0.0.1
            http://[2002:7f00:1::]/                            | refused | 127.0.0.1
            # NAT64 64:ff9b::/96: uppercase, uncompressed, dotted, zero-padded, metadata, private
            http://[64:FF9B::7F00:1]/hook                      | refused | 127.0.0.1
            http://[0064:ff9b:0000:0000:0000:0000:7f00:0001]/  | refused | 127.0.0.1
            http://[64:ff9b:0:0:0:0:7f00:1]:8080/              | refused | 127.0.0.1
            http://[64:ff9b::127.0.0.1]/                       | refused | 127.0.0.1
            https://[64:ff9b::a9fe:a9fe]/latest/meta-data/     | refused | 169.254.169.254
            http://[64:ff9b::10.0.0.5]/                        | refused | 10.0.0.5
            http://[64:ff9b::c0a8:101]/                        | refused | 192.168.1.1
            http://[64:ff9b::6464:64c8]/                       | refused | 100.100.100.200
            http://[64:ff9b::]/                                | refused | 0.0.0.0
            http://[64:ff9b::808:808]/                         | allowed |
            http://[64:FF9B::5DB8:D822]:8443/hook              | allowed |
            # local-use NAT64 64:ff9b:1::/48: /96 and /48 layouts, and the prefix itself
            http://[64:ff9b:1::7f00:1]/                        | refused | 127.0.0.1
            http://[64:ff9b:1:7f00:0:100::]/                   | refused | 127.0.0.1
            http://[64:ff9b:1:a9fe:a9:fe00::]/                 | refused | 169.254.169.254
            http://[64:ff9b:1::808:808]/                       | refused | local-use NAT64
            # the rest of 64:ff9b::/32 (found by CallbackUrlPolicyFuzzTest)
            http://[64:ff9b:00:1a::1]/                         | refused | NAT64 block
            http://[64:ff9b:2::808:808]/                       | refused | NAT64 block
            # outside 2000::/3 with no embedding (found by CallbackUrlPolicyFuzzTest)
            http://[::1362:078:800]/                           | refused | outside 2000::/3
            http://[100::1]/                                   | refused | outside 2000::/3
            # 6to4 2002::/16
            http://[2002:7F00:0001::]/                         | refused | 127.0.0.1
            http://[2002:7f00:1:0:0:0:0:1]/                    | refused | 127.0.0.1
            http://[2002:a9fe:a9fe::1]/                        | refused | 169.254.169.254
            http://[2002:c0a8:101::]/                          | refused | 192.168.1.1
            http://[2002:a00:1::]/                             | refused | 10.0.0.1
            http://[2002:808:808::1]/                          | allowed |
            # Teredo 2001::/32: server in bits 32-63, client inverted in the last 32 bits
            http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/     | allowed |
            http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/     | refused | 127.0.0.1
            http://[2001:0000:4136:E378:8000:63BF:80FF:FFFE]/  | refused | 127.0.0.1
            http://[2001:0:4136:e378:8000:63bf:5601:5601]/     | refused | 169.254.169.254
            http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/     | refused | 10.0.0.1
            http://[2001:0:7f00:1:8000:63bf:3fff:fdd2]/        | refused | 127.0.0.1
            http://[2001:0:a9fe:a9fe::ffff:ffff]/              | refused | 169.254.169.254
            http://[2001::]/                                   | refused | 0.0.0.0
            # IPv4-compatible ::a.b.c.d and IPv4-mapped / -translated
            http://[::127.0.0.1]/                              | refused | 127.0.0.1
            http://[::7f00:1]/                                 | refused | 127.0.0.1
            http://[::a9fe:a9fe]/                              | refused | 169.254.169.254
            http://[::8.8.8.8]/                                | allowed |
            http://[::ffff:127.0.0.1]/                         | refused | 127.0.0.1
            http://[::FFFF:7F00:1]/                            | refused | 127.0.0.1
            http://[0:0:0:0:0:ffff:a9fe:a9fe]/                 | refused | 169.254.169.254
            http://[::ffff:0:127.0.0.1]/                       | refused | 127.0.0.1
            http://[::ffff:0:808:808]/                         | allowed |
            # zone ids: only meaningful on link-local addresses, refused whatever the address
            http://[64:ff9b::7f00:1%25eth0]/                   | refused | zone id
            http://[fe80::1%25eth0]/                           | refused | zone id
            http://[fe80::1%eth0]/                             | refused | zone id
            http://[2606:4700:4700::1111%251]/                 | refused | zone id
            # plain IPv6 for contrast
            http://[2606:4700:4700::1111]/                     | allowed |
            http://[::1]/                                      | refused | loopback
            """)
    void spelling(String url, String verdict, String named) {
        CallbackUrlPolicy.Verdict v = none.check(url);
        if (verdict.equals("allowed")) {
            assertThat(v.allowed()).as("%s: %s", url, v.reason()).isTrue();
        } else {
            assertThat(v.allowed()).as(url).isFalse();
            assertThat(v.reason()).as(url).contains(named);
        }
    }
}
