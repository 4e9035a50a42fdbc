package io.damselfly.peer.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import io.damselfly.common.host.HostType;
import io.damselfly.common.id.Ids;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Who this daemon is: host id, address, scheme, port and type. The port is the one the web server
 * actually bound, so random ports in tests still give a correct host id and URL.
 */
public class PeerIdentity implements ApplicationListener<WebServerInitializedEvent>, Ordered {

	private final PeerProperties properties;

	private final String hostname;

	private final String scheme;

	private volatile int port;

	private volatile @Nullable String hostId;

	/**
	 * @param scheme what the peer API serves, {@code http} or {@code https}
	 * ({@link io.damselfly.service.tls.ServerScheme})
	 */
	public PeerIdentity(PeerProperties properties, String scheme, int configuredPort) {
		this.properties = properties;
		this.hostname = (properties.hostname() != null) ? properties.hostname() : localHostname();
		this.scheme = scheme;
		this.port = configuredPort;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			return;
		}
		this.port = event.getWebServer().getPort();
		this.hostId = null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	public String hostId() {
		String id = hostId;
		if (id == null) {
			id = (properties.hostId() != null) ? Ids.requireNameId("damselfly.peer.host-id", properties.hostId())
					: sanitize(properties.mode().name().toLowerCase(Locale.ROOT) + "-" + hostname + "-" + port);
			hostId = id;
		}
		return id;
	}

	public String hostname() {
		return hostname;
	}

	public String ip() {
		return properties.advertiseIp();
	}

	public int port() {
		return port;
	}

	public String scheme() {
		return scheme;
	}

	public HostType type() {
		return properties.mode().hostType();
	}

	/** Base URL of this daemon's peer API. */
	public String url() {
		String ip = ip();
		String host = (ip.contains(":") && !ip.startsWith("[")) ? "[" + ip + "]" : ip;
		return scheme + "://" + host + ":" + port;
	}

	/**
	 * Maps any text to the NAME_ID pattern: characters outside {@code [A-Za-z0-9._-]} become {@code -},
	 * {@code ..} is broken up, a leading symbol is replaced and the result is at most 119 characters, so
	 * a peer id {@code <hostId>-<8 hex>} still fits in 128.
	 */
	public static String sanitize(String raw) {
		String s = raw.replaceAll("[^A-Za-z0-9._-]", "-").replace("..", "-.");
		while (s.contains("..")) {
			s = s.replace("..", "-.");
		}
		if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
			s = "h" + s;
		}
		return (s.length() > 119) ? s.substring(0, 119) : s;
	}

	private static String localHostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			// Fail-open: the host name is only for humans and the default host id; "localhost" still works.
			return "localhost";
		}
	}

}
