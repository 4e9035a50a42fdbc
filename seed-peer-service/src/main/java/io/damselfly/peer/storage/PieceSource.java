package io.damselfly.peer.storage;

import java.io.IOException;

/**
 * A piece body the store pulls from on one thread, blocking: read to its end, then released. The lean
 * counterpart of a buffer stream: the thread that reads the bytes also hashes and writes them, with no
 * hand-over between threads per buffer.
 */
public interface PieceSource {

	/**
	 * Reads up to {@code length} bytes into {@code buffer}, blocking until at least one arrives.
	 * @return the bytes read, or -1 at the end of the body
	 * @throws IOException when the body cannot be read to its end (the connection broke, the sender
	 * stalled, or it refused to send)
	 */
	int read(byte[] buffer, int offset, int length) throws IOException;

	/** Called once when the store is done with the body, read to its end or not. */
	void release();

	/**
	 * Stops the body from another thread (the fetch was cancelled or timed out): a read in progress ends
	 * with an error, and the store gives up. Idempotent, and harmless after {@link #release}.
	 */
	void abort();

}
