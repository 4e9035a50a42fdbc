package io.damselfly.peer.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.damselfly.peer.storage.PieceSource;
import io.damselfly.peer.transfer.KeptConnections.Address;
import io.damselfly.peer.transfer.KeptConnections.Connection;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * One body over a kept-alive HTTP/1.1 connection, read by the thread that writes it: the request goes out
 * on the first read, the status and headers are checked against the {@link Answers}, and then exactly
 * {@code Content-Length} bytes are handed over. Every read, the first included, waits at most the stall
 * timeout ({@link SocketTimeoutException}). A body read to its end gives its connection back for the next
 * request; any other end closes it. Pieces from parents ({@link PieceClient}) and Range requests to
 * origins ({@code OriginClient}) are read this way.
 */
public final class HttpBodyStream implements PieceSource {

	/** The longest status line or header line accepted. */
	private static final int MAX_LINE = 8 * 1024;

	/** The most header lines accepted. */
	private static final int MAX_HEADERS = 100;

	/** The most of a refusal's body read into its message. */
	private static final int MAX_ERROR_BODY = 4 * 1024;

	/**
	 * The head of an answer.
	 * @param contentLength its {@code Content-Length}, -1 when it has none
	 * @param chunked whether it came with a {@code Transfer-Encoding}
	 */
	public record Head(int status, String reason, HttpHeaders headers, long contentLength, boolean chunked) {
	}

	/** Which answer carries the content, and what any other answer is. */
	public interface Answers {

		/** The status of the answer whose body is the content. */
		int contentStatus();

		/**
		 * Checks a content answer before its body is read: returns why it cannot be read, or null. Called
		 * only when it has a {@code Content-Length} and no {@code Transfer-Encoding} (see {@link #unframed}).
		 */
		@Nullable Exception refuseContent(Head head);

		/** Why a content answer without a {@code Content-Length}, or with a {@code Transfer-Encoding}, is not read. */
		Exception unframed(Head head);

		/**
		 * The error for an answer that is not the content.
		 * @param body its first bytes (at most 4 KiB, when it said how long it was), or none
		 */
		Exception refused(Head head, byte[] body);

	}

	private final KeptConnections connections;

	private final Address address;

	private final byte[] request;

	private final int stallMillis;

	private final Answers answers;

	private @Nullable Connection connection;

	private boolean aborted;

	private boolean released;

	private boolean keepAlive;

	private long length = -1;

	private long remaining = -1;

	/** Whether a whole answer head was read: a refusal after it leaves the connection to {@link #release}. */
	private boolean answered;

	/**
	 * @param request the whole request head, ending with its empty line
	 */
	public HttpBodyStream(KeptConnections connections, Address address, byte[] request, Duration stallTimeout,
			Answers answers) {
		this.connections = connections;
		this.address = address;
		this.request = request.clone();
		this.stallMillis = Math.toIntExact(Math.max(1, stallTimeout.toMillis()));
		this.answers = answers;
	}

	/**
	 * A {@code GET} request head: {@code Host} first, then {@code headers} in order.
	 * @throws IllegalArgumentException for a path, header name or value that would break the request's framing
	 */
	public static byte[] get(String pathAndQuery, String hostHeader, Map<String, String> headers) {
		requireClean("request target", pathAndQuery);
		if (!pathAndQuery.startsWith("/") || pathAndQuery.indexOf(' ') >= 0) {
			throw new IllegalArgumentException("request target must start with / and hold no space: '"
					+ printable(pathAndQuery) + "'");
		}
		StringBuilder head = new StringBuilder(256).append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
			.append("Host: ").append(requireClean("Host", hostHeader)).append("\r\n");
		headers.forEach((name, value) -> {
			if (name.isEmpty() || !name.chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != ':')) {
				throw new IllegalArgumentException("header name is not a token: '" + printable(name) + "'");
			}
			head.append(name).append(": ").append(requireClean(name, value)).append("\r\n");
		});
		return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String requireClean(String what, String value) {
		if (!value.chars().allMatch((c) -> (c >= 0x20 || c == '\t') && c != 0x7f && c <= 0xff)) {
			throw new IllegalArgumentException(what + " holds a line break or another control character: '"
					+ printable(value) + "'");
		}
		return value;
	}

	@Override
	public int read(byte[] buffer, int offset, int count) throws IOException {
		Connection current = (remaining < 0) ? open() : connection;
		if (remaining == 0) {
			return -1;
		}
		if (current == null) {
			throw new IOException("the transfer was aborted");
		}
		int read = current.in.read(buffer, offset, (int) Math.min(count, remaining));
		if (read < 0) {
			throw new EOFException(address.hostHeader() + " closed the connection with " + remaining + " of the body's "
					+ length + " bytes unsent");
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
				// A kept-alive connection the server closed meanwhile fails at once: once more on a new one.
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
				throw new IOException("the transfer was aborted");
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
		catch (IOException | RuntimeException ex) {
			if (!answered) {
				drop(candidate);
			}
			// else a refused answer: release() keeps the connection when the answer was read to its end.
			throw ex;
		}
	}

	/** Reads the headers after the status line; throws for every answer but the content with a length. */
	private void head(Connection candidate, String statusLine) throws IOException {
		if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
			throw new IOException(address.hostHeader() + " did not answer HTTP/1.1: '" + printable(statusLine) + "'");
		}
		int status;
		try {
			status = Integer.parseInt(statusLine.substring(9, 12));
		}
		catch (NumberFormatException ex) {
			throw new IOException(address.hostHeader() + " sent a malformed status line: '" + printable(statusLine) + "'");
		}
		boolean http10 = statusLine.startsWith("HTTP/1.0");
		long contentLength = -1;
		boolean chunked = false;
		boolean close = http10;
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0;; i++) {
			if (i == MAX_HEADERS) {
				throw new IOException(address.hostHeader() + " sent more than " + MAX_HEADERS + " header lines");
			}
			String header = line(candidate.in, false);
			if (header.isEmpty()) {
				break;
			}
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new IOException(address.hostHeader() + " sent a malformed header line: '" + printable(header) + "'");
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			headers.add(name, value);
			switch (name.toLowerCase(Locale.ROOT)) {
				case "content-length" -> contentLength = contentLength(value, contentLength);
				case "transfer-encoding" -> chunked = true;
				case "connection" -> close = value.toLowerCase(Locale.ROOT).contains("close")
						|| (http10 && !value.toLowerCase(Locale.ROOT).contains("keep-alive"));
				default -> {
					// Other headers do not change how the body is read; the answers may look at them.
				}
			}
		}
		Head head = new Head(status, (statusLine.length() > 13) ? statusLine.substring(13).trim() : "", headers,
				contentLength, chunked);
		keepAlive = !close && !chunked;
		answered = true;
		if (status != answers.contentStatus()) {
			throw raise(answers.refused(head, chunked ? new byte[0] : errorBody(candidate, contentLength)));
		}
		if (chunked || contentLength < 0) {
			keepAlive = false;
			throw raise(answers.unframed(head));
		}
		Exception refusal = answers.refuseContent(head);
		if (refusal != null) {
			keepAlive = false;
			throw raise(refusal);
		}
		length = contentLength;
		remaining = contentLength;
	}

	private static IOException raise(Exception ex) {
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		return (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
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
			throw new IOException("the server sent an invalid Content-Length: '" + printable(value) + "'");
		}
		return parsed;
	}

	/** A refusal's body, read whole when short enough that the connection stays usable. */
	private byte[] errorBody(Connection candidate, long contentLength) throws IOException {
		if (contentLength < 0 || contentLength > MAX_ERROR_BODY) {
			keepAlive = false;
			return new byte[0];
		}
		byte[] body = candidate.in.readNBytes((int) contentLength);
		if (body.length < contentLength) {
			keepAlive = false;
		}
		remaining = 0;
		return body;
	}

	/** A refusal's body as one printable line of at most 300 characters, for a message. */
	public static String describe(byte[] body) {
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
				throw new EOFException("the server closed the connection inside the response head");
			}
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			if (line.length() == MAX_LINE) {
				throw new IOException("the server sent a response head line longer than " + MAX_LINE + " bytes");
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

	/** The connection failed before any answer: a kept-alive one the server had closed. */
	private static final class StaleConnection extends IOException {

		StaleConnection(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
