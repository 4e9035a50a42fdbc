package io.damselfly.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client over one keep-alive socket, one per load thread. The load
 * generator shares two cores with the scheduler and Redis; {@code java.net.http.HttpClient} spent
 * about 0.4 ms of CPU per request here, this spends a fraction of that. It understands exactly what the
 * scheduler answers: a status line, headers, and a Content-Length or chunked body.
 */
final class LeanHttp implements AutoCloseable {

	private final String host;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	LeanHttp(URI base) {
		this.host = base.getHost();
		this.port = base.getPort();
		connect();
	}

	private void connect() {
		try {
			socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress(host, port), 5_000);
			in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			out = socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The local cluster's admin token, when the bench started one (docs/security.md). */
	private static String authorization() {
		String token = io.damselfly.cli.http.Http.token();
		return (token != null) ? "\r\nAuthorization: Bearer " + token : "";
	}

	/** GETs a path and returns the body; throws on a status of 300 or more. */
	String get(String path) {
		return exchange(path, "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + authorization()
				+ "\r\nAccept: application/json\r\n\r\n", new byte[0]);
	}

	/** POSTs JSON and returns the body; throws on a status of 300 or more. */
	String post(String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return exchange(path, "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + authorization()
				+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
				+ "\r\n\r\n", body);
	}

	private String exchange(String path, String head, byte[] body) {
		try {
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return read(path);
		}
		catch (IOException ex) {
			close();
			connect();
			throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
		}
	}

	private String read(String path) throws IOException {
		String status = line();
		int code = Integer.parseInt(status.substring(9, 12));
		int length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Integer.parseInt(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
		}
		String body;
		if (chunked) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
				all.write(in.readNBytes(size));
				line();
			}
			line();
			body = all.toString(StandardCharsets.UTF_8);
		}
		else {
			body = (length > 0) ? new String(in.readNBytes(length), StandardCharsets.UTF_8) : "";
		}
		if (close) {
			close();
			connect();
		}
		if (code >= 300) {
			throw new IllegalStateException(path + " answered " + code + ": " + body);
		}
		return body;
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("connection closed");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing a socket we are done with: nothing to recover.
		}
	}

}
