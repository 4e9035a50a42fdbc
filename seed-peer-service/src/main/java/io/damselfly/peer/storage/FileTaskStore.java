package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import io.damselfly.common.id.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The {@link TaskStore} on a local directory: {@code tasks/<taskId>.data} and
 * {@code tasks/<taskId>.meta.json}. Assembled from its seams: the {@link TaskCatalog} of tasks and pins,
 * the {@link PieceWriter} that writes and verifies, the {@link TaskEviction} that makes room and sweeps,
 * and the {@link MetadataFlusher}; this class runs their blocking work off the event loop.
 * <p>
 * Durability: a piece is marked complete in memory once its bytes were written (they are in the page
 * cache, so serving and a process crash see them) and verified. Metadata is saved every flush interval
 * and at completion, each time after forcing the data file, so the metadata on disk never claims a
 * piece that a power loss could take away. No fsync per piece: it would cost a disk round trip per piece
 * for a guarantee the flush already gives.
 */
public class FileTaskStore implements TaskStore {

	private static final Logger logger = LoggerFactory.getLogger(FileTaskStore.class);

	private final Path tasksDir;

	private final TaskFiles files;

	private final TaskCatalog catalog;

	private final PieceWriter writer;

	private final TaskEviction eviction;

	private final MetadataFlusher flusher;

	public FileTaskStore(StorageProperties properties, JsonMapper json, DataFile.Opener opener,
			WriteFailureListener writeFailures, Clock clock) {
		this.tasksDir = properties.dir().toAbsolutePath().normalize().resolve("tasks");
		this.files = new TaskFiles(tasksDir, json);
		this.catalog = new TaskCatalog(files, clock);
		this.writer = new PieceWriter(catalog, opener, writeFailures, clock);
		this.eviction = new TaskEviction(catalog, files, properties, clock);
		this.flusher = new MetadataFlusher(catalog, files, writeFailures);
		catalog.load();
		logger.info("Task storage {}: {} task(s), {} bytes of {} capacity", tasksDir, catalog.size(), usedBytes(),
				capacityBytes());
	}

	@Override
	public void pin(String taskId) {
		catalog.pin(taskId);
	}

	@Override
	public void unpin(String taskId) {
		catalog.unpin(taskId);
	}

	@Override
	public Optional<TaskSnapshot> snapshot(String taskId) {
		StoredTask task = catalog.find(taskId);
		return (task != null) ? Optional.of(task.snapshot()) : Optional.empty();
	}

	@Override
	public Mono<Void> setSizes(String taskId, long contentLength, long pieceSize) {
		return Mono.fromCallable(() -> {
			StoredTask task = catalog.existing(taskId);
			if (contentLength >= 0) {
				eviction.makeRoom(task, contentLength);
			}
			task.setSizes(contentLength, pieceSize);
			if (contentLength == 0) {
				try {
					files.createEmpty(task);
				}
				catch (IOException ex) {
					throw new LocalWriteException(ex);
				}
			}
			return task;
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public void discard(String taskId, String why) {
		eviction.discard(taskId, why);
	}

	@Override
	public void setPeerId(String taskId, String peerId) {
		catalog.existing(taskId).peerId(Ids.requireNameId("peer id", peerId));
	}

	@Override
	public Mono<PieceWritten> writePiece(String taskId, int number, Flux<DataBuffer> body,
			@Nullable String expectedDigest) {
		return writer.writePiece(taskId, number, body, expectedDigest);
	}

	@Override
	public Mono<PieceWritten> writePiece(String taskId, int number, PieceSource body, @Nullable String expectedDigest) {
		return writer.writePiece(taskId, number, body, expectedDigest);
	}

	@Override
	public void writeAt(String taskId, long position, ByteBuffer bytes) throws IOException {
		writer.writeAt(taskId, position, bytes);
	}

	@Override
	public void completePiece(String taskId, int number, long length, String digest) {
		writer.completePiece(taskId, number, length, digest);
	}

	@Override
	public Optional<PieceLocation> acquirePiece(String taskId, int number) {
		return catalog.acquirePiece(taskId, number);
	}

	@Override
	public Optional<Path> acquireContent(String taskId) {
		return catalog.acquireContent(taskId);
	}

	@Override
	public Mono<String> sha256(String taskId) {
		return Mono.fromCallable(() -> {
			StoredTask task = catalog.existing(taskId);
			TaskSnapshot snap = task.snapshot();
			if (!snap.complete()) {
				throw new StorageException("task " + taskId + " is not complete");
			}
			if (snap.sha256() != null) {
				return snap.sha256();
			}
			String hex = files.sha256(task, snap.contentLength());
			task.sha256(hex);
			return hex;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> copyTo(String taskId, Path target) {
		return Mono.fromCallable(() -> {
			StoredTask task = catalog.existing(taskId);
			if (!task.isComplete()) {
				throw new StorageException("task " + taskId + " is not complete");
			}
			files.copyTo(task, target);
			return target;
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public Mono<Void> flush() {
		return Mono.fromRunnable(flusher::flush).subscribeOn(Schedulers.boundedElastic()).then();
	}

	/** Forces data, then saves metadata, for every dirty task, on the calling thread. */
	public void flushBlocking() {
		flusher.flush();
	}

	@Override
	public Mono<Integer> evictIdle() {
		return Mono.fromCallable(eviction::evictIdle).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public long usedBytes() {
		return catalog.usedBytes();
	}

	@Override
	public long capacityBytes() {
		return eviction.capacityBytes();
	}

	@Override
	public void addEvictionListener(Consumer<TaskSnapshot> listener) {
		eviction.addListener(listener);
	}

	/** Saves what is dirty and closes open data files; called by the container on shutdown. */
	public void close() {
		writer.close();
		flusher.close();
	}

	/** The directory holding the task files, for the health probes. */
	public Path tasksDir() {
		return tasksDir;
	}

}
