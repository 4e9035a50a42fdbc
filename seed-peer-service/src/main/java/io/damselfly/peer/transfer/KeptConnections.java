package io.damselfly.peer.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.damselfly.service.tls.ClusterHttpClients;
import org.jspecify.annotations.Nullable;

/**
 * Kept-alive HTTP/1.1 connections for the blocking body clients (pieces from parents, Range requests to
 * origins): one connection carries one body at a time, goes back here when its body was read to the end,
 * and is reused for the next request to the same address. At most {@link #MAX_IDLE_PER_ADDRESS} wait per
 * address; one idle longer than the idle timeout is closed by {@link #sweep} or when found, and
 * {@link #close} closes every idle one. Sockets come from the {@link Connector} the pool is made with:
 * {@link ClusterHttpClients#connect} for parents (the cluster's trust and a verified host name), the
 * origin address policy and the JDK's trust for origins.
 */
public final class KeptConnections implements AutoCloseable {

	/** The most idle connections kept per address: as many pieces as a download fetches from one parent at once. */
	public static final int MAX_IDLE_PER_ADDRESS = 8;

	/** Opens a socket to an address, TLS-wrapped and handshaken for {@code https}. */
	@FunctionalInterface
	public interface Connector {

		Socket connect(Address address) throws IOException;

	}

	private final Connector connector;

	private final long idleTimeoutNanos;

	private final LongSupplier nanoTime;

	private final Map<Address, ArrayDeque<Connection>> idle = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/** Connections to parents: sockets from {@link ClusterHttpClients#connect}. */
	public static KeptConnections toParents(ClusterHttpClients http, Duration connectTimeout, Duration idleTimeout) {
		return new KeptConnections(
				(address) -> http.connect(address.scheme(), address.host(), address.port(), connectTimeout),
				idleTimeout, System::nanoTime);
	}

	public KeptConnections(Connector connector, Duration idleTimeout) {
		this(connector, idleTimeout, System::nanoTime);
	}

	KeptConnections(Connector connector, Duration idleTimeout, LongSupplier nanoTime) {
		this.connector = connector;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		this.nanoTime = nanoTime;
	}

	/** An idle connection to the address, most recently used first, or null when none is left. */
	@Nullable Connection idle(Address address) {
		while (true) {
			Connection[] taken = new Connection[1];
			idle.computeIfPresent(address, (key, deque) -> {
				taken[0] = deque.pollFirst();
				return deque.isEmpty() ? null : deque;
			});
			Connection connection = taken[0];
			if (connection == null) {
				return null;
			}
			if (!expired(connection, nanoTime.getAsLong())) {
				return connection;
			}
			connection.close();
		}
	}

	/** A new connection to the address. */
	Connection open(Address address) throws IOException {
		if (closed) {
			throw new IOException("kept-alive connections are closed: the daemon is stopping");
		}
		return new Connection(address, connector.connect(address));
	}

	/** Takes back a connection whose last response was read to its end, or closes it when enough wait. */
	void offer(Connection connection) {
		connection.idleSince = nanoTime.getAsLong();
		boolean[] kept = new boolean[1];
		idle.compute(connection.address, (key, deque) -> {
			ArrayDeque<Connection> queue = (deque != null) ? deque : new ArrayDeque<>();
			if (!closed && queue.size() < MAX_IDLE_PER_ADDRESS) {
				queue.offerFirst(connection);
				kept[0] = true;
			}
			return queue.isEmpty() ? null : queue;
		});
		if (!kept[0]) {
			connection.close();
		}
		else if (closed) {
			closeIdle();
		}
	}

	/** Closes the connections idle longer than the idle timeout; returns how many. */
	public int sweep() {
		long now = nanoTime.getAsLong();
		List<Connection> stale = new ArrayList<>();
		for (Address address : List.copyOf(idle.keySet())) {
			idle.computeIfPresent(address, (key, deque) -> {
				deque.removeIf((connection) -> expired(connection, now) && stale.add(connection));
				return deque.isEmpty() ? null : deque;
			});
		}
		stale.forEach(Connection::close);
		return stale.size();
	}

	/** Connections waiting now, over all addresses. */
	public int idleCount() {
		return idle.values().stream().mapToInt(ArrayDeque::size).sum();
	}

	@Override
	public void close() {
		closed = true;
		closeIdle();
	}

	private void closeIdle() {
		List<Connection> all = new ArrayList<>();
		for (Address address : List.copyOf(idle.keySet())) {
			idle.computeIfPresent(address, (key, deque) -> {
				all.addAll(deque);
				return null;
			});
		}
		all.forEach(Connection::close);
	}

	private boolean expired(Connection connection, long now) {
		return now - connection.idleSince > idleTimeoutNanos;
	}

	/**
	 * Where a server listens, from its URL ({@code http://ip:port} or {@code https://host:port}).
	 * @param host the host name or address, IPv6 without brackets
	 * @param hostHeader the {@code Host} header for it
	 */
	public record Address(String scheme, String host, int port, String hostHeader) {

		/** A parent's address: its URL must be {@code http://} or {@code https://} with a host. */
		public static Address of(String url) {
			URI uri;
			try {
				uri = URI.create(url);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("parent URL is not a URL: '" + url + "'", ex);
			}
			return of(uri, "parent URL");
		}

		/**
		 * The address of an absolute {@code http} or {@code https} URI; the {@code Host} header leaves out a
		 * default port, as browsers and curl do (some origins sign or route on it).
		 */
		public static Address of(URI uri, String what) {
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
				throw new IllegalArgumentException(what + " must be http:// or https:// with a host, got '" + uri + "'");
			}
			String host = uri.getHost();
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			int defaultPort = scheme.equals("https") ? 443 : 80;
			int port = (uri.getPort() >= 0) ? uri.getPort() : defaultPort;
			return new Address(scheme, bare, port, (port == defaultPort && uri.getPort() < 0) ? host : host + ":" + port);
		}

	}

	/** One socket to a server, with the streams a body is read through. */
	static final class Connection {

		final Socket socket;

		final InputStream in;

		final OutputStream out;

		final Address address;

		long idleSince;

		Connection(Address address, Socket socket) throws IOException {
			this.address = address;
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), 8192);
			this.out = socket.getOutputStream();
		}

		void close() {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing is best effort: the socket is dropped either way.
			}
		}

	}

}
