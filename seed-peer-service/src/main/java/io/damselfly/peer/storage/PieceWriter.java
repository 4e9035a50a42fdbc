package io.damselfly.peer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import io.damselfly.common.piece.PieceMath;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
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

	/**
	 * What one pull fills before it hashes and writes: a few socket reads (at most 128 KiB each), so a piece
	 * of 4 MiB is sixteen writes. One per thread, reused.
	 */
	private static final ThreadLocal<byte[]> PULL_BUFFER = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

	/**
	 * The most pieces pulled at once. A pull holds its thread while the parent sends, up to the stall
	 * timeout when it goes quiet, so pulls get threads of their own: on the shared bounded-elastic
	 * threads (20 on two cores) a few slow parents could hold back metadata flushes and disk probes. A
	 * thread is made when needed and ends after 60 s idle; a pull beyond the cap waits its turn.
	 */
	static final int PULL_THREADS = 64;

	private final Scheduler pulls = Schedulers.newBoundedElastic(PULL_THREADS, Integer.MAX_VALUE, "piece-pull", 60,
			true);

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
			Target target = target(taskId, number);
			return Mono.fromCallable(target::sink)
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((sink) -> body.publishOn(Schedulers.boundedElastic(), TaskStore.BUFFERS_IN_FLIGHT)
					.map(sink::write)
					.then(Mono.fromCallable(() -> finish(target, sink, expectedDigest))))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
				.onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause)
				.doOnError(LocalWriteException.class, writeFailures::onWriteFailure);
		});
	}

	/**
	 * Pulls a piece from {@code body} on one piece-pull thread, which reads, hashes and writes each
	 * read in turn. A cancelled subscription aborts the body (its blocked read ends) rather than
	 * interrupting the thread, whose interrupt would close the data file's channel under other writers.
	 */
	Mono<PieceWritten> writePiece(String taskId, int number, PieceSource body, @Nullable String expectedDigest) {
		return Mono.<PieceWritten>create((out) -> {
			AtomicBoolean cancelled = new AtomicBoolean();
			out.onCancel(() -> {
				cancelled.set(true);
				body.abort();
			});
			Runnable work = () -> {
				try {
					out.success(pull(taskId, number, body, expectedDigest));
				}
				catch (Throwable ex) {
					if (ex instanceof LocalWriteException local) {
						writeFailures.onWriteFailure(local);
					}
					if (!cancelled.get()) {
						out.error(ex);
					}
				}
				finally {
					body.release();
				}
			};
			try {
				pulls.schedule(work);
			}
			catch (RuntimeException ex) {
				body.release();
				throw ex;
			}
		});
	}

	private PieceWritten pull(String taskId, int number, PieceSource body, @Nullable String expectedDigest)
			throws IOException {
		Target target = target(taskId, number);
		PieceSink sink = target.sink();
		byte[] buffer = PULL_BUFFER.get();
		ByteBuffer bytes = ByteBuffer.wrap(buffer);
		int filled = 0;
		for (int read; (read = body.read(buffer, filled, buffer.length - filled)) >= 0;) {
			filled += read;
			if (filled == buffer.length) {
				sink.write(bytes.clear());
				filled = 0;
			}
		}
		if (filled > 0) {
			sink.write(bytes.clear().limit(filled));
		}
		return finish(target, sink, expectedDigest);
	}

	/** Where a piece goes: its task, offset and length, checked before a byte is read. */
	private Target target(String taskId, int number) {
		StoredTask task = catalog.existing(taskId);
		long pieceSize = task.pieceSize();
		if (pieceSize <= 0) {
			throw new StorageException("task " + taskId + " has no piece size yet");
		}
		long exact = (task.contentLength() >= 0) ? task.pieceLength(number) : -1;
		return new Target(task, number, PieceMath.offset(number, pieceSize), exact, (exact >= 0) ? exact : pieceSize);
	}

	private final class Target {

		final StoredTask task;

		final int number;

		final long offset;

		final long exact;

		final long maxLength;

		Target(StoredTask task, int number, long offset, long exact, long maxLength) {
			this.task = task;
			this.number = number;
			this.offset = offset;
			this.exact = exact;
			this.maxLength = maxLength;
		}

		PieceSink sink() throws LocalWriteException {
			return new PieceSink(openFile(task), offset, maxLength);
		}

	}

	private DataFile openFile(StoredTask task) throws LocalWriteException {
		try {
			return task.file(opener);
		}
		catch (IOException ex) {
			throw new LocalWriteException(ex);
		}
	}

	private PieceWritten finish(Target target, PieceSink sink, @Nullable String expectedDigest) {
		StoredTask task = target.task;
		int number = target.number;
		long exact = target.exact;
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

	/**
	 * Stops the pull threads at shutdown. A pull still running ends when its fetch is cancelled (which
	 * closes its connection) or at the stall timeout; it never marks an unverified piece complete.
	 */
	void close() {
		pulls.dispose();
	}

	void completePiece(String taskId, int number, long length, String digest) {
		StoredTask task = catalog.existing(taskId);
		task.markComplete(number, length, digest);
		task.touch(clock.millis());
	}

}
