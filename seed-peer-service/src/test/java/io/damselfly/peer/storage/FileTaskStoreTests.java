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
		DataFile.Opener full = (path) -> new DataFile() {
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
		FileTaskStore store = store(full, "1MB");
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
