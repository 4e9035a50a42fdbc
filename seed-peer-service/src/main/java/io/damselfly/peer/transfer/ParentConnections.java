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
 * Kept-alive HTTP/1.1 connections to parents for the blocking piece client: one connection carries one
 * piece at a time, goes back here when its piece was read to the end, and is reused for the next piece
 * from the same parent. At most {@link #MAX_IDLE_PER_PARENT} wait per parent; one idle longer than the
 * idle timeout is closed by {@link #sweep} or when found, and {@link #close} closes every idle one.
 * Sockets come from {@link ClusterHttpClients#connect}, so {@code https://} parents get the cluster's
 * trust and a verified host name.
 */
public final class ParentConnections implements AutoCloseable {

	/** The most idle connections kept per parent: as many pieces as a download fetches from one parent at once. */
	public static final int MAX_IDLE_PER_PARENT = 8;

	private final ClusterHttpClients http;

	private final Duration connectTimeout;

	private final long idleTimeoutNanos;

	private final LongSupplier nanoTime;

	private final Map<Address, ArrayDeque<Connection>> idle = new ConcurrentHashMap<>();

	private volatile boolean closed;

	public ParentConnections(ClusterHttpClients http, Duration connectTimeout, Duration idleTimeout) {
		this(http, connectTimeout, idleTimeout, System::nanoTime);
	}

	ParentConnections(ClusterHttpClients http, Duration connectTimeout, Duration idleTimeout, LongSupplier nanoTime) {
		this.http = http;
		this.connectTimeout = connectTimeout;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		this.nanoTime = nanoTime;
	}

	/** An idle connection to the parent, most recently used first, or null when none is left. */
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

	/** A new connection to the parent. */
	Connection open(Address address) throws IOException {
		if (closed) {
			throw new IOException("parent connections are closed: the daemon is stopping");
		}
		return new Connection(address, http.connect(address.scheme(), address.host(), address.port(), connectTimeout));
	}

	/** Takes back a connection whose last response was read to its end, or closes it when enough wait. */
	void offer(Connection connection) {
		connection.idleSince = nanoTime.getAsLong();
		boolean[] kept = new boolean[1];
		idle.compute(connection.address, (key, deque) -> {
			ArrayDeque<Connection> queue = (deque != null) ? deque : new ArrayDeque<>();
			if (!closed && queue.size() < MAX_IDLE_PER_PARENT) {
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

	/** Connections waiting now, over all parents. */
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
	 * Where a parent listens, from its URL ({@code http://ip:port} or {@code https://host:port}).
	 * @param hostHeader the {@code Host} header for it
	 */
	record Address(String scheme, String host, int port, String hostHeader) {

		static Address of(String url) {
			URI uri;
			try {
				uri = URI.create(url);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("parent URL is not a URL: '" + url + "'", ex);
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
				throw new IllegalArgumentException("parent URL must be http:// or https:// with a host, got '" + url + "'");
			}
			String host = uri.getHost();
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			int port = (uri.getPort() >= 0) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
			return new Address(scheme, bare, port, host + ":" + port);
		}

	}

	/** One socket to a parent, with the streams a piece is read through. */
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
