package dev.stylefleet.gateway.callbacks;

import dev.stylefleet.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a callback may go. A callback is a request the gateway makes on a client's behalf, so a URL
 * pointing inside the deployment (loopback, private networks, link-local including the cloud metadata
 * address 169.254.169.254, unique-local IPv6 including AWS's fd00:ec2::254, carrier-grade NAT, the
 * unspecified address, multicast) would let any client probe or call internal services (SSRF). Every
 * address the host resolves to must be public, unless it is on the configured allow-list. An IPv6
 * address that embeds an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible or -mapped: see
 * {@link EmbeddedIpv4}) is refused when any embedded IPv4 address is internal, since a translator or
 * relay may deliver the request there. A host with a zone id ({@code [fe80::1%eth0]}) is refused: zone ids
 * only mean something for link-local addresses, which are refused anyway.
 *
 * <p>Checked at submit and again before every delivery attempt, because DNS answers change. (The
 * HTTP client resolves the name once more when it connects; a name that flips between the check and
 * the connect within milliseconds is not covered.)
 */
@ApplicationScoped
public class CallbackUrlPolicy {
    private final List<AllowEntry> allowList = new ArrayList<>();

    /** The verdict: null reason means allowed. */
    public record Verdict(URI uri, String reason) {
        public boolean allowed() {
            return reason == null;
        }
    }

    @Inject
    public CallbackUrlPolicy(GatewayConfig config) {
        this(config.callbacks().allowList().orElse(List.of()));
    }

    public CallbackUrlPolicy(List<String> allowList) {
        for (String entry : allowList) {
            if (!entry.isBlank()) {
                this.allowList.add(AllowEntry.parse(entry.trim()));
            }
        }
    }

    /** Syntax problems: null when the URL is well-formed http(s) with a host, else what is wrong. */
    public static String syntaxProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL (" + e.getReason() + ")";
        } catch (NumberFormatException e) {
            // java.net.URI lets a port too long for an int escape as a NumberFormatException (found by
            // CallbackUrlPolicyFuzzTest: "http://h:000...0200000000000").
            return "not a URL (the port is not a number from 0 to 65535)";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the scheme must be http or https";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "the URL has no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "credentials in the URL are not allowed";
        }
        return null;
    }

    /** Resolves the host and checks every address. Unresolvable hosts are refused too. */
    public Verdict check(String url) {
        String syntax = syntaxProblem(url);
        if (syntax != null) {
            return new Verdict(null, syntax);
        }
        URI uri = URI.create(url);
        if (uri.getHost().indexOf('%') >= 0) {
            return new Verdict(uri, "the host " + uri.getHost() + " has a zone id; zone ids only apply to link-local "
                    + "addresses, and callbacks may only go to public addresses");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return new Verdict(uri, "the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress a : addresses) {
            String internal = internal(a);
            if (internal != null && allowList.stream().noneMatch(e -> e.matches(a, port))) {
                return new Verdict(uri, "the host " + uri.getHost() + " resolves to " + a.getHostAddress() + ", which is not "
                        + "public: " + internal + "; callbacks may only go to public addresses (or ones allow-listed in "
                        + "stylefleet.callbacks.allow-list)");
            }
        }
        return new Verdict(uri, null);
    }

    /**
     * What kind of non-public address this is, or null for a public one; for an IPv6 address that embeds
     * an internal IPv4 address, what it embeds and how.
     */
    static String internal(InetAddress a) {
        String own = internalItself(a);
        if (own != null || !(a instanceof Inet6Address v6)) {
            return own;
        }
        for (EmbeddedIpv4.Embedded e : EmbeddedIpv4.in(v6)) {
            String embedded = internalItself(e.address());
            if (embedded != null) {
                return embedded + " (" + e.mechanism() + " address embedding " + e.address().getHostAddress() + ")";
            }
        }
        if (EmbeddedIpv4.localUseNat64(v6)) {
            // RFC 8215: this prefix is translated inside the operator's own network, so even a public
            // embedded address is reached from in there.
            return "local-use NAT64 (64:ff9b:1::/48)";
        }
        if (EmbeddedIpv4.nat64Block(v6) && EmbeddedIpv4.in(v6).isEmpty()) {
            // The rest of 64:ff9b::/32 is no public address either: only a translator would route it, with
            // a layout we cannot know, so where its IPv4 lies is a guess (found by CallbackUrlPolicyFuzzTest:
            // 64:ff9b:0:1a::1 ends in 0.0.0.1).
            return "NAT64 block (64:ff9b::/32) outside the well-known prefix";
        }
        if ((v6.getAddress()[0] & 0xE0) != 0x20 && EmbeddedIpv4.in(v6).isEmpty()) {
            // Every public IPv6 unicast address is in 2000::/3; the rest is reserved or special, and
            // forms like ::1362:78:800 (found by CallbackUrlPolicyFuzzTest) end in an IPv4-looking tail
            // (0.120.8.0) that some stack might route. Allow-listing is the way to reach such an address.
            return "not a global unicast IPv6 address (outside 2000::/3)";
        }
        return null;
    }

    /** The address judged by itself, without looking for an embedded IPv4 address. */
    private static String internalItself(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT (cloud metadata)";
            }
            if (first == 169 && second == 254) {
                return "link-local (cloud metadata)";
            }
            if (first >= 240) {
                return "reserved";
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return "unique-local (private, cloud metadata)";
            }
        }
        return null;
    }

    /** One allow-list entry: an address or CIDR block, optionally with a port. */
    record AllowEntry(byte[] network, int prefix, int port) {
        static AllowEntry parse(String s) {
            int port = -1;
            String host = s;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                host = s.substring(1, close);
                if (s.length() > close + 1 && s.charAt(close + 1) == ':') {
                    port = Integer.parseInt(s.substring(close + 2));
                }
            } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0) {
                host = s.substring(0, s.indexOf(':'));
                port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
            }
            int prefix = -1;
            if (host.contains("/")) {
                prefix = Integer.parseInt(host.substring(host.indexOf('/') + 1));
                host = host.substring(0, host.indexOf('/'));
            }
            try {
                // Literal addresses only: getByName does not resolve a literal, so no DNS here.
                if (!host.matches("[0-9a-fA-F.:]+")) {
                    throw new IllegalArgumentException("not an IP address");
                }
                byte[] net = InetAddress.getByName(host).getAddress();
                return new AllowEntry(net, prefix < 0 ? net.length * 8 : prefix, port);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException("stylefleet.callbacks.allow-list: '" + s
                        + "' is not an IP address, CIDR block or address:port", e);
            }
        }

        boolean matches(InetAddress a, int p) {
            byte[] b = a.getAddress();
            if (b.length != network.length || (port >= 0 && port != p)) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
