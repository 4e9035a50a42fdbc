package io.damselfly.peer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.BitSet;

import io.damselfly.common.digest.Digests;
import io.damselfly.peer.storage.PieceWritten;
import io.damselfly.peer.storage.TaskStore;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Cuts one origin stream into pieces as it arrives: writes each buffer at its offset, hashes it into the
 * piece it belongs to, and completes a piece the moment its last byte is written. Pieces already held
 * are skipped. Blocking: feed it from a bounded-elastic thread.
 */
final class StreamCutter {

	/** Told about each piece completed. */
	@FunctionalInterface
	interface Listener {

		void onPiece(PieceWritten piece, long costMillis);

	}

	private final TaskStore store;

	private final String taskId;

	private final long pieceSize;

	private final long contentLength;

	private final BitSet held;

	private final Listener listener;

	private long position;

	private MessageDigest digest = Digests.newSha256();

	private long pieceStarted = System.nanoTime();

	StreamCutter(TaskStore store, String taskId, long pieceSize, long contentLength, BitSet held, Listener listener) {
		this.store = store;
		this.taskId = taskId;
		this.pieceSize = pieceSize;
		this.contentLength = contentLength;
		this.held = held;
		this.listener = listener;
	}

	/** Writes and releases the buffer; returns the position reached (a number, never the released buffer). */
	long accept(DataBuffer buffer) {
		try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
			while (it.hasNext()) {
				write(it.next());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return position;
	}

	private void write(ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			if (contentLength >= 0 && position >= contentLength) {
				throw new IOException("origin sent more than its Content-Length of " + contentLength + " bytes");
			}
			int piece = (int) (position / pieceSize);
			long pieceEnd = (piece + 1) * pieceSize;
			int count = (int) Math.min(bytes.remaining(), pieceEnd - position);
			ByteBuffer slice = bytes.slice();
			slice.limit(count);
			bytes.position(bytes.position() + count);
			if (!held.get(piece)) {
				ByteBuffer forHash = slice.duplicate();
				store.writeAt(taskId, position, slice);
				digest.update(forHash);
			}
			position += count;
			if (position == pieceEnd) {
				complete(piece, pieceSize);
			}
		}
	}

	private void complete(int piece, long length) {
		if (!held.get(piece)) {
			String hex = Digests.hex(digest);
			store.completePiece(taskId, piece, length, hex);
			held.set(piece);
			listener.onPiece(new PieceWritten(piece, length, hex), (System.nanoTime() - pieceStarted) / 1_000_000);
		}
		digest = Digests.newSha256();
		pieceStarted = System.nanoTime();
	}

	/**
	 * Completes the last, short piece at the end of the stream.
	 * @return the total length
	 * @throws IOException when the stream ended before its Content-Length
	 */
	long finish() throws IOException {
		if (contentLength >= 0 && position != contentLength) {
			throw new IOException("origin stream ended after " + position + " of " + contentLength + " bytes");
		}
		long tail = position % pieceSize;
		if (tail > 0) {
			complete((int) (position / pieceSize), tail);
		}
		return position;
	}

}
