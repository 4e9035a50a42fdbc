package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.digest.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class FileTaskStoreTests {

	static final String TASK = "1".repeat(64);

	static final int PIECE = 1024;

	@TempDir
	Path dir;

	final List<IOException> writeFailures = new ArrayList<>();

	FileTaskStore store(DataFile.Opener opener, String capacity) {
		StorageProperties properties = new StorageProperties(dir, DataSize.parse(capacity), Duration.ofHours(24), 80,
				Duration.ofMinutes(1), Duration.ofSeconds(1));
		return new FileTaskStore(properties, JsonMapper.builder().build(), opener, writeFailures::add,
				Clock.systemUTC());
	}

	static Flux<DataBuffer> body(byte[] bytes) {
		int half = bytes.length / 2;
		return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOf(bytes, half)),
				DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, half, bytes.length)));
	}

	/** A data file on a full disk: every write fails as the kernel says so. */
	static DataFile fullDisk(Path path) {
		return new DataFile() {
			@Override
			public void write(ByteBuffer src, long position) throws IOException {
				throw new IOException("No space left on device");
			}

			@Override
			public void force() {
			}

			@Override
			public void close() {
			}
		};
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	@Test
	void piecesAreWrittenAtTheirOffsetsAndMetadataSurvivesReopening() throws IOException {
		byte[] data = random(2 * PIECE + 10);
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, data.length, PIECE)).verifyComplete();
		for (int n : new int[] { 2, 0, 1 }) {
			byte[] piece = java.util.Arrays.copyOfRange(data, n * PIECE, Math.min(data.length, (n + 1) * PIECE));
			StepVerifier.create(store.writePiece(TASK, n, body(piece), Digests.sha256Hex(piece)))
				.assertNext((w) -> assertThat(w.length()).isEqualTo(piece.length))
				.verifyComplete();
		}
		store.setPeerId(TASK, "host-1-abcd");
		store.flushBlocking();
		assertThat(Files.readAllBytes(dir.resolve("tasks").resolve(TASK + ".data"))).isEqualTo(data);

		FileTaskStore reopened = store(DataFile::open, "1MB");
		TaskSnapshot snapshot = reopened.snapshot(TASK).orElseThrow();
		assertThat(snapshot.complete()).isTrue();
		assertThat(snapshot.peerId()).isEqualTo("host-1-abcd");
		assertThat(snapshot.contentLength()).isEqualTo(data.length);
		StepVerifier.create(reopened.sha256(TASK)).expectNext(Digests.sha256Hex(data)).verifyComplete();
	}

	@Test
	void failedWriteNeverMarksThePieceCompleteAndTripsTheLatch() {
		FileTaskStore store = store(FileTaskStoreTests::fullDisk, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, PIECE, PIECE)).verifyComplete();
		byte[] piece = random(PIECE);
		StepVerifier.create(store.writePiece(TASK, 0, body(piece), Digests.sha256Hex(piece)))
			.expectError(LocalWriteException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(store.snapshot(TASK).orElseThrow().has(0)).isFalse();
		assertThat(store.acquirePiece(TASK, 0)).isEmpty();
		assertThat(writeFailures).singleElement().extracting(IOException::getMessage).asString()
			.contains("No space left");
	}

	@Test
	void wrongDigestOrLengthIsNotMarkedComplete() {
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, 2 * PIECE, PIECE)).verifyComplete();
		byte[] piece = random(PIECE);
		StepVerifier.create(store.writePiece(TASK, 0, body(piece), "0".repeat(64)))
			.expectErrorSatisfies((ex) -> assertThat(((PieceVerificationException) ex).digestMismatch()).isTrue())
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(store.writePiece(TASK, 1, body(random(PIECE + 1)), null))
			.expectError(PieceVerificationException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(store.snapshot(TASK).orElseThrow().held().isEmpty()).isTrue();
	}

	/** A body pulled in reads of at most 300 bytes, counting its releases and aborts. */
	static final class Pulled implements PieceSource {

		final byte[] bytes;

		int position;

		final AtomicInteger released = new AtomicInteger();

		final AtomicInteger aborted = new AtomicInteger();

		final CountDownLatch blockAt;

		final int stopAt;

		volatile String readBy = "";

		/** @param stopAt where the body goes quiet until aborted, or -1 */
		Pulled(byte[] bytes, int stopAt) {
			this.bytes = bytes;
			this.blockAt = new CountDownLatch((stopAt >= 0) ? 1 : 0);
			this.stopAt = stopAt;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			readBy = Thread.currentThread().getName();
			if (position == stopAt) {
				try {
					// A parent that goes quiet: the read ends only when the body is aborted.
					blockAt.await();
				}
				catch (InterruptedException ex) {
					throw new IOException("interrupted");
				}
				throw new IOException("aborted");
			}
			if (position == bytes.length) {
				return -1;
			}
			int count = Math.min(Math.min(length, 300), bytes.length - position);
			System.arraycopy(bytes, position, buffer, offset, count);
			position += count;
			return count;
		}

		@Override
		public void release() {
			released.incrementAndGet();
		}

		@Override
		public void abort() {
			aborted.incrementAndGet();
			blockAt.countDown();
		}

	}

	@Test
	void aPulledPieceIsVerifiedAndWrittenAsAStreamedOneAndReleasedOnce() throws IOException {
		byte[] data = random(2 * PIECE + 10);
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, data.length, PIECE)).verifyComplete();
		for (int n : new int[] { 2, 0, 1 }) {
			byte[] piece = java.util.Arrays.copyOfRange(data, n * PIECE, Math.min(data.length, (n + 1) * PIECE));
			Pulled body = new Pulled(piece, -1);
			StepVerifier.create(store.writePiece(TASK, n, body, Digests.sha256Hex(piece)))
				.assertNext((w) -> assertThat(w.length()).isEqualTo(piece.length))
				.verifyComplete();
			assertThat(body.released).hasValue(1);
			assertThat(body.aborted).hasValue(0);
			assertThat(body.readBy).as("pulls have threads of their own, not the shared bounded-elastic ones")
				.startsWith("piece-pull");
		}
		store.flushBlocking();
		assertThat(Files.readAllBytes(dir.resolve("tasks").resolve(TASK + ".data"))).isEqualTo(data);
		assertThat(store.snapshot(TASK).orElseThrow().complete()).isTrue();
	}

	@Test
	void aPulledPieceWithWrongBytesOrTooManyOrAFailingDiskIsNeverComplete() {
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, 2 * PIECE, PIECE)).verifyComplete();
		Pulled wrong = new Pulled(random(PIECE), -1);
		StepVerifier.create(store.writePiece(TASK, 0, wrong, "0".repeat(64)))
			.expectErrorSatisfies((ex) -> assertThat(((PieceVerificationException) ex).digestMismatch()).isTrue())
			.verify(Duration.ofSeconds(5));
		Pulled tooLong = new Pulled(random(PIECE + 1), -1);
		StepVerifier.create(store.writePiece(TASK, 1, tooLong, null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(PieceVerificationException.class)
				.hasMessageContaining("longer than " + PIECE))
			.verify(Duration.ofSeconds(5));
		assertThat(store.snapshot(TASK).orElseThrow().held().isEmpty()).isTrue();
		assertThat(wrong.released).hasValue(1);
		assertThat(tooLong.released).hasValue(1);

		FileTaskStore full = store(FileTaskStoreTests::fullDisk, "1MB");
		String other = "2".repeat(64);
		full.pin(other);
		StepVerifier.create(full.setSizes(other, PIECE, PIECE)).verifyComplete();
		byte[] piece = random(PIECE);
		StepVerifier.create(full.writePiece(other, 0, new Pulled(piece, -1), Digests.sha256Hex(piece)))
			.expectError(LocalWriteException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(full.snapshot(other).orElseThrow().has(0)).isFalse();
		assertThat(writeFailures).singleElement().extracting(IOException::getMessage).asString()
			.contains("No space left");
	}

	@Test
	void cancellingAPulledPieceAbortsItsBodyInsteadOfInterruptingTheWriter() throws Exception {
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, PIECE, PIECE)).verifyComplete();
		Pulled quiet = new Pulled(random(PIECE), 600);
		StepVerifier.create(store.writePiece(TASK, 0, quiet, null).timeout(Duration.ofMillis(300)))
			.expectError(java.util.concurrent.TimeoutException.class)
			.verify(Duration.ofSeconds(5));
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (quiet.released.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(quiet.aborted).hasValue(1);
		assertThat(quiet.released).hasValue(1);
		assertThat(store.snapshot(TASK).orElseThrow().has(0)).isFalse();
		assertThat(writeFailures).as("an abort is not a disk failure").isEmpty();
		// The data file still takes writes: the writer thread was not interrupted, its channel not closed.
		byte[] piece = random(PIECE);
		StepVerifier.create(store.writePiece(TASK, 0, new Pulled(piece, -1), Digests.sha256Hex(piece)))
			.expectNextCount(1).verifyComplete();
	}

	@Test
	void makingRoomEvictsTheLeastRecentlyUsedUnpinnedTask() throws Exception {
		FileTaskStore store = store(DataFile::open, "10KB");
		String old = "2".repeat(64);
		String pinned = "3".repeat(64);
		for (String task : List.of(old, pinned)) {
			store.pin(task);
			StepVerifier.create(store.setSizes(task, 3 * PIECE, PIECE)).verifyComplete();
			Thread.sleep(5);
		}
		store.unpin(old);
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, 4 * PIECE, PIECE)).verifyComplete();
		assertThat(store.snapshot(old)).isEmpty();
		assertThat(store.snapshot(pinned)).isPresent();
		StepVerifier.create(store.setSizes("4".repeat(64), 20 * PIECE, PIECE).doFirst(() -> store.pin("4".repeat(64))))
			.expectError(StorageException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aShortPieceRevealsTheLengthOfATaskOfUnknownLength() {
		FileTaskStore store = store(DataFile::open, "1MB");
		store.pin(TASK);
		StepVerifier.create(store.setSizes(TASK, -1, PIECE)).verifyComplete();
		byte[] piece = random(PIECE);
		StepVerifier.create(store.writePiece(TASK, 0, body(piece), null)).expectNextCount(1).verifyComplete();
		assertThat(store.snapshot(TASK).orElseThrow().complete()).isFalse();
		byte[] tail = random(100);
		StepVerifier.create(store.writePiece(TASK, 1, body(tail), Digests.sha256Hex(tail))).expectNextCount(1)
			.verifyComplete();
		TaskSnapshot snapshot = store.snapshot(TASK).orElseThrow();
		assertThat(snapshot.contentLength()).isEqualTo(PIECE + 100);
		assertThat(snapshot.complete()).isTrue();
	}

}
