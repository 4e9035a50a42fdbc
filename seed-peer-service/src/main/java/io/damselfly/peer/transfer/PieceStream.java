package io.damselfly.peer.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import io.damselfly.peer.storage.PieceSource;
import io.damselfly.peer.transfer.ParentConnections.Address;
import io.damselfly.peer.transfer.ParentConnections.Connection;
import org.jspecify.annotations.Nullable;

/**
 * One piece from a parent over a kept-alive HTTP/1.1 connection, read by the thread that writes it: the
 * request goes out on the first read, the status and headers are checked, and then exactly
 * {@code Content-Length} bytes are handed over. Every read, the first included, waits at most the stall
 * timeout ({@link SocketTimeoutException}). A piece read to its end gives its connection back for the
 * next piece; any other end closes it.
 */
final class PieceStream implements PieceSource {

	/** The longest status line or header line accepted. */
	private static final int MAX_LINE = 8 * 1024;

	/** The most header lines accepted. */
	private static final int MAX_HEADERS = 100;

	/** The most of a refusal's body read into its message. */
	private static final int MAX_ERROR_BODY = 4 * 1024;

	private final ParentConnections connections;

	private final Address address;

	private final byte[] request;

	private final int stallMillis;

	private final Runnable onUnauthorized;

	private @Nullable Connection connection;

	private boolean aborted;

	private boolean released;

	private boolean keepAlive;

	private long length = -1;

	private long remaining = -1;

	PieceStream(ParentConnections connections, Address address, String path, @Nullable String token,
			Duration stallTimeout, Runnable onUnauthorized) {
		this.connections = connections;
		this.address = address;
		this.stallMillis = Math.toIntExact(Math.max(1, stallTimeout.toMillis()));
		this.onUnauthorized = onUnauthorized;
		StringBuilder head = new StringBuilder(256).append("GET ").append(path).append(" HTTP/1.1\r\n")
			.append("Host: ").append(address.hostHeader()).append("\r\n")
			.append("User-Agent: damselfly-peer\r\nAccept: application/octet-stream, application/problem+json\r\n");
		if (token != null && !token.isEmpty()) {
			head.append("Authorization: Bearer ").append(token).append("\r\n");
		}
		this.request = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public int read(byte[] buffer, int offset, int count) throws IOException {
		Connection current = (remaining < 0) ? open() : connection;
		if (remaining == 0) {
			return -1;
		}
		if (current == null) {
			throw new IOException("the piece transfer was aborted");
		}
		int read = current.in.read(buffer, offset, (int) Math.min(count, remaining));
		if (read < 0) {
			throw new EOFException("the parent closed the connection with " + remaining + " of the piece's " + length
					+ " bytes unsent");
		}
		remaining -= read;
		return read;
	}

	/** Sends the request and reads the response head, on a kept-alive connection when one is idle. */
	private Connection open() throws IOException {
		Connection reused = connections.idle(address);
		if (reused != null) {
			try {
				return request(reused);
			}
			catch (StaleConnection ex) {
				// A kept-alive connection the parent closed meanwhile fails at once: once more on a new one.
			}
		}
		Connection fresh = connections.open(address);
		try {
			return request(fresh);
		}
		catch (StaleConnection ex) {
			throw (IOException) ex.getCause();
		}
	}

	private Connection request(Connection candidate) throws IOException {
		synchronized (this) {
			if (aborted || released) {
				candidate.close();
				throw new IOException("the piece transfer was aborted");
			}
			connection = candidate;
		}
		try {
			candidate.socket.setSoTimeout(stallMillis);
			String status;
			try {
				candidate.out.write(request);
				candidate.out.flush();
				status = line(candidate.in, true);
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				throw (ex instanceof StaleConnection) ? ex : new StaleConnection(ex);
			}
			head(candidate, status);
			return candidate;
		}
		catch (PieceRefusedException ex) {
			// The refusal was read to its end when it could be: release() keeps the connection if so.
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			drop(candidate);
			throw ex;
		}
	}

	/** Reads the headers after the status line; throws for every answer but a 200 with a length. */
	private void head(Connection candidate, String statusLine) throws IOException {
		if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
			throw new IOException("the parent did not answer HTTP/1.1: '" + printable(statusLine) + "'");
		}
		int status;
		try {
			status = Integer.parseInt(statusLine.substring(9, 12));
		}
		catch (NumberFormatException ex) {
			throw new IOException("the parent sent a malformed status line: '" + printable(statusLine) + "'");
		}
		boolean http10 = statusLine.startsWith("HTTP/1.0");
		long contentLength = -1;
		boolean chunked = false;
		boolean close = http10;
		for (int i = 0;; i++) {
			if (i == MAX_HEADERS) {
				throw new IOException("the parent sent more than " + MAX_HEADERS + " header lines");
			}
			String header = line(candidate.in, false);
			if (header.isEmpty()) {
				break;
			}
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new IOException("the parent sent a malformed header line: '" + printable(header) + "'");
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = contentLength(value, contentLength);
				case "transfer-encoding" -> chunked = true;
				case "connection" -> close = value.toLowerCase(Locale.ROOT).contains("close")
						|| (http10 && !value.toLowerCase(Locale.ROOT).contains("keep-alive"));
				default -> {
					// Other headers (the recorded digest among them) do not change how the body is read.
				}
			}
		}
		if (chunked) {
			throw new IOException("the parent sent the piece in chunked encoding, not with a Content-Length");
		}
		keepAlive = !close;
		if (status != 200) {
			String detail = errorBody(candidate, contentLength);
			if (status == 401) {
				onUnauthorized.run();
			}
			throw new PieceRefusedException(status, "the parent answered " + status
					+ (detail.isEmpty() ? "" : ": " + detail));
		}
		if (contentLength < 0) {
			throw new IOException("the parent sent the piece without a Content-Length");
		}
		length = contentLength;
		remaining = contentLength;
	}

	private static long contentLength(String value, long seen) throws IOException {
		long parsed;
		try {
			parsed = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			parsed = -1;
		}
		if (parsed < 0 || (seen >= 0 && seen != parsed)) {
			throw new IOException("the parent sent an invalid Content-Length: '" + printable(value) + "'");
		}
		return parsed;
	}

	/** A refusal's body (a problem detail), read whole when short enough that the connection stays usable. */
	private String errorBody(Connection candidate, long contentLength) throws IOException {
		if (contentLength < 0 || contentLength > MAX_ERROR_BODY) {
			keepAlive = false;
			return "";
		}
		byte[] body = candidate.in.readNBytes((int) contentLength);
		if (body.length < contentLength) {
			keepAlive = false;
		}
		remaining = 0;
		String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
		return printable((text.length() > 300) ? text.substring(0, 300) + "..." : text);
	}

	/** One CRLF-terminated line of the response head, without its terminator. */
	private static String line(InputStream in, boolean first) throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (true) {
			int b = in.read();
			if (b < 0) {
				if (first && line.isEmpty()) {
					throw new StaleConnection(new EOFException("the connection was closed before an answer"));
				}
				throw new EOFException("the parent closed the connection inside the response head");
			}
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			if (line.length() == MAX_LINE) {
				throw new IOException("the parent sent a response head line longer than " + MAX_LINE + " bytes");
			}
			line.append((char) b);
		}
	}

	private static String printable(String text) {
		return text.codePoints().limit(300)
			.map((c) -> (c < 0x20 || c == 0x7f) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
	}

	@Override
	public void release() {
		Connection current;
		boolean reuse;
		synchronized (this) {
			if (released) {
				return;
			}
			released = true;
			current = connection;
			connection = null;
			reuse = !aborted && keepAlive && remaining == 0;
		}
		if (current != null) {
			if (reuse) {
				connections.offer(current);
			}
			else {
				current.close();
			}
		}
	}

	@Override
	public void abort() {
		Connection current;
		synchronized (this) {
			if (aborted || released) {
				return;
			}
			aborted = true;
			current = connection;
		}
		if (current != null) {
			current.close();
		}
	}

	private void drop(Connection candidate) {
		synchronized (this) {
			if (connection == candidate) {
				connection = null;
			}
		}
		candidate.close();
	}

	/** The connection failed before any answer: a kept-alive one the parent had closed. */
	private static final class StaleConnection extends IOException {

		StaleConnection(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
