package dev.stylefleet.gateway.callbacks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries inside it by a transition mechanism. A packet to such an
 * address may end up at the embedded IPv4 address (a NAT64 translator, a 6to4 relay, a Teredo relay or a
 * dual-stack host translates it), so the SSRF check must judge the embedded IPv4 as well: {@code
 * [64:ff9b::7f00:1]} is {@code 127.0.0.1} behind NAT64. Hand-written because no well-kept library on
 * Maven Central decodes all of these forms (Guava's {@code InetAddresses} decodes 6to4, Teredo's client
 * and IPv4-compatible, but neither NAT64 nor Teredo's server), and the layouts are fixed byte offsets.
 *
 * <ul>
 *   <li>IPv4-mapped {@code ::ffff:a.b.c.d} and IPv4-translated {@code ::ffff:0:a.b.c.d} (RFC 4291, RFC 2765):
 *       the last 32 bits;</li>
 *   <li>IPv4-compatible {@code ::a.b.c.d} (RFC 4291, deprecated): the last 32 bits;</li>
 *   <li>NAT64 well-known prefix {@code 64:ff9b::/96} (RFC 6052): the last 32 bits;</li>
 *   <li>NAT64 local-use prefix {@code 64:ff9b:1::/48} (RFC 8215): the operator picks a prefix length of
 *       48, 56, 64 or 96 inside it (RFC 6052 section 2.2, bits 64-71 skipped), which the address does not
 *       say, so every one of those layouts that is not all zeros is decoded;</li>
 *   <li>6to4 {@code 2002::/16} (RFC 3056): bits 16-47;</li>
 *   <li>Teredo {@code 2001::/32} (RFC 4380): the server in bits 32-63, the client in the last 32 bits
 *       inverted.</li>
 * </ul>
 */
final class EmbeddedIpv4 {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** The first 48 bits of 64:ff9b:1::/48. */
    private static final int[] LOCAL_NAT64 = {0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01};
    /**
     * RFC 6052 prefix lengths (in bytes) an operator may use inside 64:ff9b:1::/48; /96 first, the common
     * layout, so that the refusal names the address a reader expects.
     */
    private static final int[] LOCAL_NAT64_PREFIX_BYTES = {12, 6, 7, 8};
    /** RFC 6052: byte 8 (bits 64-71) of a NAT64 address is the reserved "u" octet, never part of the IPv4. */
    private static final int NAT64_U_OCTET = 8;

    /** One embedded IPv4 address and the mechanism that embeds it. */
    record Embedded(Inet4Address address, String mechanism) {}

    private EmbeddedIpv4() {}

    /** Every IPv4 address {@code a} embeds (empty for a plain IPv6 address). */
    static List<Embedded> in(Inet6Address a) {
        byte[] b = a.getAddress();
        List<Embedded> out = new ArrayList<>();
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            out.add(embedded(b, 12, "IPv4-mapped"));
        } else if (zeros(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && zeros(b, 10, 12)) {
            out.add(embedded(b, 12, "IPv4-translated"));
        } else if (zeros(b, 0, 12)) {
            out.add(embedded(b, 12, "IPv4-compatible"));
        } else if (prefix(b, 0x00, 0x64, 0xFF, 0x9B) && zeros(b, 4, 12)) {
            out.add(embedded(b, 12, "NAT64"));
        } else if (prefix(b, LOCAL_NAT64)) {
            for (int prefixBytes : LOCAL_NAT64_PREFIX_BYTES) {
                Inet4Address v4 = nat64(b, prefixBytes);
                // All zeros where a layout puts the IPv4 means the operator does not use that layout.
                if (!v4.isAnyLocalAddress()) {
                    out.add(new Embedded(v4, "local-use NAT64 (/" + prefixBytes * 8 + ")"));
                }
            }
        } else if (prefix(b, 0x20, 0x02)) {
            out.add(embedded(b, 2, "6to4"));
        } else if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            out.add(embedded(b, 4, "Teredo server"));
            byte[] client = new byte[IPV4_BYTES];
            for (int i = 0; i < IPV4_BYTES; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            out.add(new Embedded(v4(client), "Teredo client"));
        }
        return out;
    }

    /** Whether {@code a} is in 64:ff9b::/32, the block both NAT64 prefixes come from. */
    static boolean nat64Block(Inet6Address a) {
        return prefix(a.getAddress(), 0x00, 0x64, 0xFF, 0x9B);
    }

    /** Whether {@code a} is in the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215). */
    static boolean localUseNat64(Inet6Address a) {
        return prefix(a.getAddress(), LOCAL_NAT64);
    }

    /** RFC 6052 section 2.2: the IPv4 follows the prefix, skipping the u octet (byte 8). */
    private static Inet4Address nat64(byte[] b, int prefixBytes) {
        byte[] v4 = new byte[IPV4_BYTES];
        int from = prefixBytes;
        for (int i = 0; i < IPV4_BYTES; i++, from++) {
            if (from == NAT64_U_OCTET) {
                from++;
            }
            v4[i] = b[from];
        }
        return v4(v4);
    }

    private static Embedded embedded(byte[] b, int offset, String mechanism) {
        byte[] v4 = new byte[IPV4_BYTES];
        System.arraycopy(b, offset, v4, 0, IPV4_BYTES);
        return new Embedded(v4(v4), mechanism);
    }

    private static Inet4Address v4(byte[] v4) {
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefix(byte[] b, int... bytes) {
        if (b.length != IPV6_BYTES) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((b[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
