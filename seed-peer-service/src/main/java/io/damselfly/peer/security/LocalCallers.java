package io.damselfly.peer.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The callers that need no token: those whose address lies in
 * {@code damselfly.peer.local-api.allowed-cidrs}. The download API and the proxy listener both ask it,
 * so the two doors of the daemon have one rule.
 */
public final class LocalCallers {

	private final List<Cidr> ranges;

	public LocalCallers(List<String> cidrs) {
		this.ranges = cidrs.stream().map(Cidr::parse).toList();
	}

	/** Whether a caller at this socket address is local; an unknown address never is. */
	public boolean allows(@Nullable SocketAddress remote) {
		if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
			return false;
		}
		InetAddress address = inet.getAddress();
		return ranges.stream().anyMatch((r) -> r.contains(address));
	}

	@Override
	public String toString() {
		return ranges.toString();
	}

}
