package io.damselfly.peer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

import io.damselfly.common.digest.Digests;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Writes one piece's buffers at increasing offsets while hashing them, never holding more than the
 * buffer at hand. Refuses bytes beyond the piece's maximum length at once, so a lying parent cannot
 * write past its piece.
 */
final class PieceSink {

	private final DataFile file;

	private final long offset;

	private final long maxLength;

	private final MessageDigest digest = Digests.newSha256();

	private long written;

	PieceSink(DataFile file, long offset, long maxLength) {
		this.file = file;
		this.offset = offset;
		this.maxLength = maxLength;
	}

	/**
	 * Writes and releases the buffer; returns the bytes written so far. Blocking. Returns a number, not
	 * the buffer, so no later operator can see (and discard) a released buffer.
	 */
	long write(DataBuffer buffer) {
		try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
			checkRoom(buffer.readableByteCount());
			while (it.hasNext()) {
				write(it.next());
			}
		}
		catch (LocalWriteException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return written;
	}

	/** Writes and hashes all of {@code bytes}; returns the bytes written so far. Blocking. */
	long write(ByteBuffer bytes) throws LocalWriteException {
		int count = bytes.remaining();
		checkRoom(count);
		ByteBuffer forHash = bytes.duplicate();
		try {
			file.write(bytes, offset + written);
		}
		catch (IOException ex) {
			throw new LocalWriteException(ex);
		}
		digest.update(forHash);
		written += count;
		return written;
	}

	private void checkRoom(int count) {
		if (written + count > maxLength) {
			throw new PieceVerificationException(
					"piece body is longer than " + maxLength + " bytes (got at least " + (written + count) + ")", false);
		}
	}

	long written() {
		return written;
	}

	String hex() {
		return Digests.hex(digest);
	}

}
