package io.damselfly.peer.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.peer.storage.PieceSource;

/**
 * An HTTP server written by hand, for answers no well-behaved server gives (bodies cut short, chunked
 * pieces, stalls): for each connection it reads one request head, keeps it, and lets the {@link Answer}
 * reply; then it closes the connection. Also the helpers that read a {@link PieceSource} to its end.
 */
public final class RawHttpServer implements AutoCloseable {

	/** Replies to one request whose head was read. */
	@FunctionalInterface
	public interface Answer {

		void reply(InputStream in, OutputStream out) throws IOException;

	}

	private final ServerSocket listener;

	private final AtomicInteger accepted = new AtomicInteger();

	private final List<String> heads = new CopyOnWriteArrayList<>();

	public RawHttpServer(Answer answer) throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!listener.isClosed()) {
				try (Socket socket = listener.accept()) {
					accepted.incrementAndGet();
					InputStream in = socket.getInputStream();
					heads.add(readHead(in));
					answer.reply(in, socket.getOutputStream());
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					// the listener closed at the end of the test, or the client went away
				}
			}
		}, "raw-http-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** {@code http://127.0.0.1:<port>} */
	public String url() {
		return "http://127.0.0.1:" + listener.getLocalPort();
	}

	/** Connections accepted so far. */
	public int accepted() {
		return accepted.get();
	}

	/** The request heads read so far, each without its final empty line. */
	public List<String> heads() {
		return List.copyOf(heads);
	}

	@Override
	public void close() throws IOException {
		listener.close();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException();
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1).strip();
	}

	/** Every byte of {@code body}, which is then released. */
	public static byte[] readAll(PieceSource body) throws IOException {
		try {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			byte[] buffer = new byte[64 * 1024];
			for (int read; (read = body.read(buffer, 0, buffer.length)) >= 0;) {
				all.write(buffer, 0, read);
			}
			return all.toByteArray();
		}
		finally {
			body.release();
		}
	}

	/** The error reading {@code body} ends with; fails when it is read to its end. */
	public static Throwable catchRead(PieceSource body) {
		try {
			readAll(body);
		}
		catch (IOException | RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("the body was read to its end without an error");
	}

}
