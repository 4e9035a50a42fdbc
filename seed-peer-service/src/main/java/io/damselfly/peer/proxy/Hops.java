package io.damselfly.peer.proxy;

import java.util.Locale;
import java.util.Set;

/**
 * Headers that belong to one connection (RFC 9110 §7.6.1) or to Damselfly's proxy itself, and so are never
 * copied between the client's connection and the upstream's.
 */
final class Hops {

	private static final Set<String> REQUEST = Set.of("connection", "keep-alive", "proxy-authorization",
			"proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
			"content-length", "expect");

	private static final Set<String> RESPONSE = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

	private Hops() {
	}

	static boolean forwardRequestHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return !REQUEST.contains(lower) && !lower.startsWith("x-damselfly-");
	}

	static boolean forwardResponseHeader(String name) {
		return !RESPONSE.contains(name.toLowerCase(Locale.ROOT));
	}

}
