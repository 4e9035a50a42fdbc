package io.damselfly.peer.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Which addresses an origin fetch may connect to (docs/security.md#origin-addresses). Checked on the
 * resolved address at connect time, for the first URL and every redirect hop alike, so neither a DNS
 * name nor a redirect can lead a daemon to an address a literal URL could not:
 * <ul>
 * <li>link-local (and so the cloud metadata service at {@code 169.254.169.254}), unspecified and
 * multicast addresses: always refused;</li>
 * <li>loopback: only with {@code damselfly.origin.allow-loopback};</li>
 * <li>private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): only with
 * {@code damselfly.origin.allow-private}.</li>
 * </ul>
 */
public record OriginAddressPolicy(boolean allowLoopback, boolean allowPrivate) {

	/** Why {@code address} is refused, or null when it may be connected to. */
	public @Nullable String refusal(InetAddress address) {
		InetAddress a = unmapped(address);
		if (a.isLinkLocalAddress() || isMetadata(a)) {
			return a.getHostAddress() + " is link-local (the cloud metadata service lives there): never fetched";
		}
		if (a.isAnyLocalAddress() || a.isMulticastAddress() || isZeroNetwork(a)) {
			return a.getHostAddress() + " is not an address to fetch from";
		}
		if (a.isLoopbackAddress()) {
			return allowLoopback ? null
					: a.getHostAddress() + " is loopback: refused unless damselfly.origin.allow-loopback=true";
		}
		if (a.isSiteLocalAddress() || isSharedOrUniqueLocal(a)) {
			return allowPrivate ? null
					: a.getHostAddress() + " is a private address: refused unless damselfly.origin.allow-private=true";
		}
		return null;
	}

	/** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is judged as the IPv4 address it carries. */
	private static InetAddress unmapped(InetAddress address) {
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address && b.length == 16) {
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= b[i] == 0;
			}
			mapped &= (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
			if (mapped) {
				try {
					return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
				}
				catch (java.net.UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return address;
	}

	/** AWS's IPv6 metadata address {@code fd00:ec2::254}. */
	private static boolean isMetadata(InetAddress a) {
		byte[] b = a.getAddress();
		return b.length == 16 && (b[0] & 0xFF) == 0xFD && b[1] == 0 && (b[2] & 0xFF) == 0x0E && (b[3] & 0xFF) == 0xC2
				&& (b[15] & 0xFF) == 0x54 && b[14] == 0x02;
	}

	private static boolean isZeroNetwork(InetAddress a) {
		return a instanceof Inet4Address && a.getAddress()[0] == 0;
	}

	/** 100.64.0.0/10 (carrier-grade NAT, used by some clusters) and fc00::/7 (unique local IPv6). */
	private static boolean isSharedOrUniqueLocal(InetAddress a) {
		byte[] b = a.getAddress();
		if (b.length == 4) {
			return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
		}
		return (b[0] & 0xFE) == 0xFC;
	}

}
