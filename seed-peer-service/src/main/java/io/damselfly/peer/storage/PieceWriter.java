package io.damselfly.peer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;

import io.damselfly.common.piece.PieceMath;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Writes pieces to their task's data file and verifies them: a streamed piece is hashed as it is
 * written and marked complete only when its length fits and its SHA-256 matches; bytes cut from an
 * origin stream are written at their offset and completed with the digest computed as they were cut.
 * Every failed write is reported to the {@link WriteFailureListener} (a full disk turns the node DOWN).
 */
final class PieceWriter {

	private final TaskCatalog catalog;

	private final DataFile.Opener opener;

	private final WriteFailureListener writeFailures;

	private final Clock clock;

	PieceWriter(TaskCatalog catalog, DataFile.Opener opener, WriteFailureListener writeFailures, Clock clock) {
		this.catalog = catalog;
		this.opener = opener;
		this.writeFailures = writeFailures;
		this.clock = clock;
	}

	Mono<PieceWritten> writePiece(String taskId, int number, Flux<DataBuffer> body, @Nullable String expectedDigest) {
		return Mono.defer(() -> {
			StoredTask task = catalog.existing(taskId);
			long pieceSize = task.pieceSize();
			if (pieceSize <= 0) {
				return Mono.error(new StorageException("task " + taskId + " has no piece size yet"));
			}
			long exact = (task.contentLength() >= 0) ? task.pieceLength(number) : -1;
			long offset = PieceMath.offset(number, pieceSize);
			return Mono.fromCallable(() -> new PieceSink(openFile(task), offset, (exact >= 0) ? exact : pieceSize))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((sink) -> body.publishOn(Schedulers.boundedElastic(), TaskStore.BUFFERS_IN_FLIGHT)
					.map(sink::write)
					.then(Mono.fromCallable(() -> finish(task, number, sink, exact, expectedDigest))))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
				.onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause)
				.doOnError(LocalWriteException.class, writeFailures::onWriteFailure);
		});
	}

	private DataFile openFile(StoredTask task) throws LocalWriteException {
		try {
			return task.file(opener);
		}
		catch (IOException ex) {
			throw new LocalWriteException(ex);
		}
	}

	private PieceWritten finish(StoredTask task, int number, PieceSink sink, long exact,
			@Nullable String expectedDigest) {
		long written = sink.written();
		if (exact >= 0 && written != exact) {
			throw new PieceVerificationException(
					"piece " + number + " has " + written + " bytes, expected " + exact, false);
		}
		if (written == 0) {
			throw new PieceVerificationException("piece " + number + " is empty", false);
		}
		String digest = sink.hex();
		if (expectedDigest != null && !expectedDigest.equals(digest)) {
			throw new PieceVerificationException("piece " + number + " has sha256 " + digest + ", the task records "
					+ expectedDigest, true);
		}
		task.markComplete(number, written, digest);
		task.touch(clock.millis());
		return new PieceWritten(number, written, digest);
	}

	void writeAt(String taskId, long position, ByteBuffer bytes) throws IOException {
		try {
			catalog.existing(taskId).file(opener).write(bytes, position);
		}
		catch (IOException ex) {
			writeFailures.onWriteFailure(ex);
			throw new LocalWriteException(ex);
		}
	}

	void completePiece(String taskId, int number, long length, String digest) {
		StoredTask task = catalog.existing(taskId);
		task.markComplete(number, length, digest);
		task.touch(clock.millis());
	}

}
