package io.damselfly.peer.download;

import java.time.Duration;
import java.util.function.Predicate;

import io.damselfly.common.piece.PieceMath;
import io.damselfly.peer.serve.ZeroCopy;
import io.damselfly.peer.storage.PieceLocation;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * Streams a task's bytes in order while it downloads: each piece as soon as it is held (so verified),
 * read from disk. The last piece of the content is held back until the download has ended well, which
 * for a digest-addressed task means the whole content matched its digest: a reader never gets the last
 * byte of wrong content, only a stream that breaks.
 */
final class VerifiedPieces {

	private static final Duration POLL = Duration.ofMillis(20);

	private final TaskStore store;

	VerifiedPieces(TaskStore store) {
		this.store = store;
	}

	/** The snapshot once its length and piece size are known (or the download ended). */
	Mono<TaskSnapshot> sized(String taskId, Mono<Void> done) {
		return await(taskId, (s) -> s.lengthKnown() && s.pieceSize() > 0, done);
	}

	/** Bytes {@code range} of a task whose sizes are known, each piece once held. */
	Flux<DataBuffer> stream(TaskSnapshot sized, ByteRange range, Mono<Void> done, DataBufferFactory factory) {
		String taskId = sized.taskId();
		long length = sized.contentLength();
		long pieceSize = sized.pieceSize();
		if (range.length() == 0) {
			return done.thenMany(Flux.empty());
		}
		int first = (int) (range.start() / pieceSize);
		int last = (int) (range.end() / pieceSize);
		int lastOfContent = PieceMath.pieceCount(length, pieceSize) - 1;
		return Flux.range(first, last - first + 1).concatMap((n) -> {
			Mono<Void> before = (n == lastOfContent) ? done : Mono.empty();
			return before.then(await(taskId, (s) -> s.has(n), done))
				.flatMapMany((s) -> read(taskId, n, range, factory));
		});
	}

	private Flux<DataBuffer> read(String taskId, int n, ByteRange range, DataBufferFactory factory) {
		return Flux.defer(() -> {
			PieceLocation piece = store.acquirePiece(taskId, n).orElse(null);
			if (piece == null) {
				return Flux.error(new DownloadFailedException("piece " + n + " of task " + taskId + " is gone"));
			}
			long from = Math.max(range.start(), piece.offset());
			long to = Math.min(range.end(), piece.offset() + piece.length() - 1);
			return ZeroCopy.read(piece.path(), from, to - from + 1, factory)
				.doFinally((signal) -> store.unpin(taskId));
		});
	}

	/**
	 * The first snapshot that is ready, polled from the store; the download's failure ends the wait, and so
	 * does its success when the snapshot is still not ready then.
	 */
	private Mono<TaskSnapshot> await(String taskId, Predicate<TaskSnapshot> ready, Mono<Void> done) {
		Mono<TaskSnapshot> polled = Flux.interval(Duration.ZERO, POLL)
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.justOrEmpty(store.snapshot(taskId)))
			.filter(ready)
			.next();
		Mono<TaskSnapshot> ended = done.then(Mono.defer(() -> Mono.justOrEmpty(store.snapshot(taskId))
			.filter(ready)
			.switchIfEmpty(Mono.error(new DownloadFailedException("task " + taskId
					+ " ended without the bytes asked for")))));
		return Mono.firstWithSignal(polled, ended);
	}

}
