package io.damselfly.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Collectors;

import io.damselfly.service.security.Caller;
import io.damselfly.service.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Whose bucket a call draws on. A caller whose verified token names a Damselfly role is keyed by that role
 * and the token's subject ({@code caller:peer:host-7}): the role is part of the key because the subject is
 * the requester's choice, so a peer token that names the subject {@code admin} still cannot drain the
 * operator's bucket. Any other call (security off on a bench, or a credential that names no role) is keyed
 * by the address the connection comes from ({@code address:192.0.2.7}), never by {@code X-Forwarded-For}
 * or {@code Forwarded}, which the caller writes itself: one client could otherwise take a fresh bucket
 * per call. An IPv6 caller is keyed by its {@code /64}, which one host can fill with addresses at will.
 */
public final class RateLimitKeys {

	/** Prefix of a key taken from a verified token. */
	public static final String CALLER = "caller:";

	/** Prefix of a key taken from the connection's address. */
	public static final String ADDRESS = "address:";

	/** The key of a call whose peer address is unknown (not a TCP connection); all such calls share it. */
	public static final String UNKNOWN_ADDRESS = ADDRESS + "unknown";

	private RateLimitKeys() {
	}

	/**
	 * @param caller who the verified token says is calling, or null for an anonymous call
	 * @param remote the address the connection comes from, as the server saw it
	 * @return the bucket key
	 */
	public static String of(@Nullable Caller caller, @Nullable InetSocketAddress remote) {
		if (caller != null && !caller.roles().isEmpty() && !caller.name().isBlank()) {
			String roles = caller.roles().stream().map(Role::id).sorted().collect(Collectors.joining("+"));
			return CALLER + roles + ":" + caller.name();
		}
		if (remote == null || remote.getAddress() == null) {
			return UNKNOWN_ADDRESS;
		}
		return ADDRESS + address(remote.getAddress());
	}

	/** An IPv4 address as is (an IPv4-mapped IPv6 one too), an IPv6 address as its {@code /64}. */
	static String address(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address && bytes.length == 16) {
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		return address.getHostAddress();
	}

	/** What a key names, for a problem detail: {@code caller peer:host-7} or {@code address 192.0.2.7}. */
	public static String describe(String key) {
		if (key.startsWith(CALLER)) {
			return "caller " + key.substring(CALLER.length());
		}
		if (key.startsWith(ADDRESS)) {
			return "address " + key.substring(ADDRESS.length());
		}
		return key;
	}

}
