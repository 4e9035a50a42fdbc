package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Local storage of tasks: one data file per task written at piece offsets, and metadata (pieces held,
 * their digests) that survives a restart. Every task id reaching a store has been validated; file names
 * are derived from it alone. A piece counts as held only once its bytes were written without error and
 * matched its digest.
 */
public interface TaskStore {

	/**
	 * Network buffers one piece stream may hold ahead of the thread writing it to disk. Enough that the
	 * socket keeps being read while a buffer is written and hashed (with 4 the stream stalled on every
	 * hand-over and a piece arrived at about 55 MB/s); few enough that a stream holds at most 16 × 64 KiB =
	 * 1 MiB, a quarter of the smallest piece, in Netty's pooled off-heap buffers, never a whole piece.
	 */
	int BUFFERS_IN_FLIGHT = 16;

	/** Pins a task (creating an empty one if unknown) so eviction leaves it alone. */
	void pin(String taskId);

	void unpin(String taskId);

	/**
	 * Runs {@code work} with the task pinned: pinned on subscription, unpinned when the work ends, fails
	 * or is cancelled. The one way downloads pin; serving pins through {@link #acquirePiece} and
	 * {@link #acquireContent}.
	 */
	default <T> Mono<T> whilePinned(String taskId, Supplier<Mono<T>> work) {
		return Mono.usingWhen(Mono.fromRunnable(() -> pin(taskId)).thenReturn(taskId), (id) -> Mono.defer(work),
				(id) -> Mono.fromRunnable(() -> unpin(taskId)));
	}

	Optional<TaskSnapshot> snapshot(String taskId);

	/**
	 * Records a task's content length (-1 when unknown) and piece size, evicting least-recently-used
	 * unpinned tasks to make room for a known length.
	 * @return an error of {@link StorageException} when it cannot fit or disagrees with what is stored
	 */
	Mono<Void> setSizes(String taskId, long contentLength, long pieceSize);

	void setPeerId(String taskId, String peerId);

	/**
	 * Streams a piece body to disk at its offset while hashing it, and marks it complete only when the
	 * length fits and, if {@code expectedDigest} is given, the SHA-256 matches. Buffers are released.
	 * @return the written piece, or an error: {@link PieceVerificationException} for wrong bytes,
	 * {@link LocalWriteException} when this daemon's disk failed, or the body's own error
	 */
	Mono<PieceWritten> writePiece(String taskId, int number, Flux<DataBuffer> body, @Nullable String expectedDigest);

	/**
	 * The same for a body pulled by one thread that reads, hashes and writes in turn (the parent transfer
	 * path). The body is released when the write ends, however it ends, and aborted when the subscription
	 * is cancelled.
	 */
	Mono<PieceWritten> writePiece(String taskId, int number, PieceSource body, @Nullable String expectedDigest);

	/**
	 * Writes bytes at an absolute offset of the data file. Blocking: for the origin stream cutter.
	 * @throws LocalWriteException when the disk failed
	 */
	void writeAt(String taskId, long position, ByteBuffer bytes) throws IOException;

	/** Marks a piece written with {@link #writeAt} complete, with the digest computed as it was cut. */
	void completePiece(String taskId, int number, long length, String digest);

	/** A held piece for serving, pinned until {@link #unpin}; empty when not held. */
	Optional<PieceLocation> acquirePiece(String taskId, int number);

	/** The data file of a complete task, pinned until {@link #unpin}; empty when not complete. */
	Optional<Path> acquireContent(String taskId);

	/** The SHA-256 of a complete task's whole file, computed once and remembered. */
	Mono<String> sha256(String taskId);

	/** Copies a complete task's file to {@code target} (replacing it). */
	Mono<Void> copyTo(String taskId, Path target);

	/**
	 * Drops a task at once, pinned or not, and tells the eviction listeners (so the schedulers stop
	 * offering it): for content that must never be served again, such as a blob that failed its digest.
	 */
	void discard(String taskId, String why);

	/** Forces data and saves dirty metadata. */
	Mono<Void> flush();

	/** Evicts unpinned tasks idle longer than the TTL, and LRU tasks while over the eviction threshold. */
	Mono<Integer> evictIdle();

	long usedBytes();

	long capacityBytes();

	/** Called with the last snapshot of every evicted task (e.g. to leave the task at the scheduler). */
	void addEvictionListener(Consumer<TaskSnapshot> listener);

}
