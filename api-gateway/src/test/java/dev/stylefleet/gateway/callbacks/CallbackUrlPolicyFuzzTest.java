package dev.stylefleet.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the SSRF guard on callback URLs. Input: the URL as UTF-8. The
 * contract: {@link CallbackUrlPolicy#syntaxProblem} and {@link CallbackUrlPolicy#check} never throw, and
 * a URL whose host is an address literal is allowed only when an independent oracle, written here from
 * {@link InetAddress}'s own predicates and the IPv4 ranges plus the IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4, Teredo), calls that address public. {@code check} is only called for
 * literal hosts: a name would go to DNS, which a fuzzer must not.
 */
class CallbackUrlPolicyFuzzTest {

    private static final CallbackUrlPolicy POLICY = new CallbackUrlPolicy(List.of());
    /** Dotted-quad IPv4, which InetAddress parses without DNS (as it does every bracketed IPv6 literal). */
    private static final Pattern IPV4_LITERAL = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** The refused spellings of the unit tests and the issue, and some public ones. */
    static Stream<Arguments> seeds() {
        return Stream.of("http://127.0.0.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::127.0.0.1]/",
                "http://[64:ff9b::7f00:1]/", "http://[64:ff9b:1::a00:1]/", "http://[2002:7f00:1::]/",
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/", "http://[fe80::1%25eth0]:8080/x", "http://10.0.0.1:9000/hook",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/",
                "https://93.184.216.34/hook?x=1", "https://[2606:2800:220:1:248:1893:25c8:1946]/",
                "http://user:pw@8.8.8.8/", "ftp://8.8.8.8/", "http:///x", "https://example.com/hook")
                .map(s -> Arguments.of((Object) s.getBytes(StandardCharsets.UTF_8)));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void check(byte[] input) throws UnknownHostException {
        String url = new String(input, StandardCharsets.UTF_8);
        String syntax = CallbackUrlPolicy.syntaxProblem(url);
        if (syntax != null) {
            return;
        }
        String host = URI.create(url).getHost();
        boolean literal = host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
        if (!literal) {
            return;
        }
        CallbackUrlPolicy.Verdict verdict = POLICY.check(url);
        if (verdict.allowed()) {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            InetAddress address = InetAddress.getByName(bare);
            assertThat(internalByOracle(address)).as("%s allowed, but its address %s is internal", url, address)
                    .isFalse();
        }
    }

    /** The oracle: internal by the JDK's predicates, the special IPv4 ranges, or by an IPv4 it embeds. */
    static boolean internalByOracle(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 || first == 127 || first == 10 || first >= 224
                    || (first == 100 && second >= 64 && second <= 127) || (first == 169 && second == 254)
                    || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168);
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return true;
            }
            for (byte[] v4 : embeddedIpv4(b)) {
                try {
                    if (internalByOracle(InetAddress.getByAddress(v4))) {
                        return true;
                    }
                } catch (UnknownHostException impossible) {
                    throw new AssertionError(impossible);
                }
            }
        }
        return false;
    }

    /** Candidates for an embedded IPv4 address: generous on purpose (an oracle may over-approximate). */
    private static List<byte[]> embeddedIpv4(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        if (zeros80) { // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d
            out.add(slice(b, 12));
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) { // 64:ff9b::/32 (NAT64)
            out.add(slice(b, 12));
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 6to4 2002:a.b.c.d::/48
            out.add(slice(b, 2));
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) { // Teredo: server, then inverted client
            out.add(slice(b, 4));
            byte[] client = slice(b, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            out.add(client);
        }
        return out;
    }

    private static byte[] slice(byte[] b, int at) {
        byte[] v4 = new byte[4];
        System.arraycopy(b, at, v4, 0, 4);
        return v4;
    }
}
