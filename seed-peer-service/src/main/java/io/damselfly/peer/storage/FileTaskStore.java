package io.damselfly.peer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.damselfly.common.id.Ids;
import io.damselfly.common.piece.PieceMath;
import io.damselfly.peer.config.StorageProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The {@link TaskStore} on a local directory: {@code tasks/<taskId>.data} and
 * {@code tasks/<taskId>.meta.json}.
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

	private final StorageProperties properties;

	private final TaskFiles files;

	private final DataFile.Opener opener;

	private final WriteFailureListener writeFailures;

	private final Clock clock;

	private final Map<String, StoredTask> tasks = new ConcurrentHashMap<>();

	private final List<Consumer<TaskSnapshot>> evictionListeners = new CopyOnWriteArrayList<>();

	private final Object flushLock = new Object();

	public FileTaskStore(StorageProperties properties, JsonMapper json, DataFile.Opener opener,
			WriteFailureListener writeFailures, Clock clock) {
		this.properties = properties;
		this.tasksDir = properties.dir().toAbsolutePath().normalize().resolve("tasks");
		this.opener = opener;
		this.writeFailures = writeFailures;
		this.clock = clock;
		this.files = new TaskFiles(tasksDir, json);
		load();
	}

	private void load() {
		for (StoredTask task : files.loadAll()) {
			tasks.put(task.taskId, task);
		}
		logger.info("Task storage {}: {} task(s), {} bytes of {} capacity", tasksDir, tasks.size(), usedBytes(),
				capacityBytes());
	}

	private StoredTask task(String taskId) {
		return tasks.computeIfAbsent(Ids.requireTaskId(taskId),
				(id) -> new StoredTask(id, files.dataPath(id), files.metaPath(id), clock.millis()));
	}

	private StoredTask existing(String taskId) {
		StoredTask task = tasks.get(taskId);
		if (task == null) {
			throw new StorageException("task " + taskId + " is not stored (evicted?)");
		}
		return task;
	}

	@Override
	public synchronized void pin(String taskId) {
		StoredTask task = task(taskId);
		task.pins.incrementAndGet();
		task.touch(clock.millis());
	}

	@Override
	public void unpin(String taskId) {
		StoredTask task = tasks.get(taskId);
		if (task != null) {
			task.pins.updateAndGet((n) -> Math.max(0, n - 1));
		}
	}

	@Override
	public Optional<TaskSnapshot> snapshot(String taskId) {
		StoredTask task = tasks.get(taskId);
		return (task != null) ? Optional.of(task.snapshot()) : Optional.empty();
	}

	@Override
	public Mono<Void> setSizes(String taskId, long contentLength, long pieceSize) {
		return Mono.fromCallable(() -> {
			StoredTask task = existing(taskId);
			if (contentLength >= 0) {
				makeRoom(task, contentLength);
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

	private void makeRoom(StoredTask task, long contentLength) {
		long extra = contentLength - task.footprint();
		List<StoredTask> victims;
		synchronized (this) {
			long limit = capacityBytes() * properties.evictionThresholdPercent() / 100;
			long over = usedBytes() + extra - limit;
			victims = pick(EvictionPolicy.toFree(candidates(task.taskId), over));
			long freed = victims.stream().mapToLong(StoredTask::footprint).sum();
			if (usedBytes() - freed + extra > capacityBytes()) {
				throw new StorageException("storage capacity " + capacityBytes() + " bytes cannot fit task "
						+ task.taskId + " of " + contentLength + " bytes (" + (usedBytes() - freed)
						+ " bytes held by tasks in use)");
			}
			victims.forEach((v) -> tasks.remove(v.taskId));
		}
		victims.forEach((v) -> delete(v, "capacity"));
	}

	private List<EvictionPolicy.Candidate> candidates(@Nullable String except) {
		return tasks.values().stream().filter((t) -> !t.taskId.equals(except))
			.map((t) -> new EvictionPolicy.Candidate(t.taskId, t.footprint(), t.lastAccess(), t.pinned())).toList();
	}

	private List<StoredTask> pick(List<EvictionPolicy.Candidate> chosen) {
		List<StoredTask> out = new ArrayList<>();
		chosen.forEach((c) -> {
			StoredTask t = tasks.get(c.taskId());
			if (t != null && !t.pinned()) {
				out.add(t);
			}
		});
		return out;
	}

	private void delete(StoredTask task, String why) {
		TaskSnapshot last = task.snapshot();
		try {
			task.closeFile();
			files.delete(task);
			logger.info("Evicted task {} ({}, {} bytes)", task.taskId, why, last.completedBytes());
		}
		catch (IOException ex) {
			logger.warn("Could not delete evicted task {}: {}", task.taskId, ex.toString());
		}
		evictionListeners.forEach((l) -> l.accept(last));
	}

	@Override
	public void discard(String taskId, String why) {
		StoredTask task;
		synchronized (this) {
			task = tasks.remove(taskId);
		}
		if (task != null) {
			delete(task, why);
		}
	}

	@Override
	public void setPeerId(String taskId, String peerId) {
		existing(taskId).peerId(Ids.requireNameId("peer id", peerId));
	}

	@Override
	public Mono<PieceWritten> writePiece(String taskId, int number, Flux<DataBuffer> body,
			@Nullable String expectedDigest) {
		return Mono.defer(() -> {
			StoredTask task = existing(taskId);
			long pieceSize = task.pieceSize();
			if (pieceSize <= 0) {
				return Mono.error(new StorageException("task " + taskId + " has no piece size yet"));
			}
			long exact = (task.contentLength() >= 0) ? task.pieceLength(number) : -1;
			long offset = PieceMath.offset(number, pieceSize);
			return Mono.fromCallable(() -> new PieceSink(openFile(task), offset, (exact >= 0) ? exact : pieceSize))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((sink) -> body.publishOn(Schedulers.boundedElastic(), BUFFERS_IN_FLIGHT)
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

	@Override
	public void writeAt(String taskId, long position, ByteBuffer bytes) throws IOException {
		try {
			existing(taskId).file(opener).write(bytes, position);
		}
		catch (IOException ex) {
			writeFailures.onWriteFailure(ex);
			throw new LocalWriteException(ex);
		}
	}

	@Override
	public void completePiece(String taskId, int number, long length, String digest) {
		StoredTask task = existing(taskId);
		task.markComplete(number, length, digest);
		task.touch(clock.millis());
	}

	@Override
	public Optional<PieceLocation> acquirePiece(String taskId, int number) {
		StoredTask task = tasks.get(taskId);
		if (task == null) {
			return Optional.empty();
		}
		synchronized (this) {
			if (!task.has(number) || tasks.get(taskId) != task) {
				return Optional.empty();
			}
			task.pins.incrementAndGet();
		}
		task.touch(clock.millis());
		return Optional.of(new PieceLocation(task.dataPath, PieceMath.offset(number, task.pieceSize()),
				task.pieceLength(number), task.digest(number)));
	}

	@Override
	public Optional<Path> acquireContent(String taskId) {
		StoredTask task = tasks.get(taskId);
		if (task == null) {
			return Optional.empty();
		}
		synchronized (this) {
			if (!task.isComplete() || tasks.get(taskId) != task) {
				return Optional.empty();
			}
			task.pins.incrementAndGet();
		}
		task.touch(clock.millis());
		return Optional.of(task.dataPath);
	}

	@Override
	public Mono<String> sha256(String taskId) {
		return Mono.fromCallable(() -> {
			StoredTask task = existing(taskId);
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
			StoredTask task = existing(taskId);
			if (!task.isComplete()) {
				throw new StorageException("task " + taskId + " is not complete");
			}
			files.copyTo(task, target);
			return target;
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public Mono<Void> flush() {
		return Mono.fromRunnable(this::flushBlocking).subscribeOn(Schedulers.boundedElastic()).then();
	}

	/** Forces data, then saves metadata, for every dirty task; one flush at a time (they share temp files). */
	public void flushBlocking() {
		synchronized (flushLock) {
			flushDirty();
		}
	}

	private void flushDirty() {
		for (StoredTask task : tasks.values()) {
			if (!task.dirty()) {
				continue;
			}
			task.clean();
			try {
				DataFile file = task.openFile();
				if (file != null) {
					file.force();
				}
				if (task.isComplete()) {
					task.closeFile();
				}
				files.writeMetadata(task);
			}
			catch (IOException ex) {
				writeFailures.onWriteFailure(ex);
				// Fail-closed: keep it dirty so the next flush retries; the metadata on disk stays the older truth.
				task.markDirty();
				logger.warn("Could not save metadata of task {}: {}", task.taskId, ex.toString());
			}
		}
	}

	@Override
	public Mono<Integer> evictIdle() {
		return Mono.fromCallable(() -> {
			List<StoredTask> victims;
			synchronized (this) {
				long cutoff = clock.millis() - properties.taskTtl().toMillis();
				List<EvictionPolicy.Candidate> all = candidates(null);
				victims = new ArrayList<>(pick(EvictionPolicy.expired(all, cutoff)));
				long limit = capacityBytes() * properties.evictionThresholdPercent() / 100;
				long remaining = usedBytes() - victims.stream().mapToLong(StoredTask::footprint).sum();
				List<String> already = victims.stream().map((v) -> v.taskId).toList();
				pick(EvictionPolicy.toFree(all.stream().filter((c) -> !already.contains(c.taskId())).toList(),
						remaining - limit)).forEach(victims::add);
				victims.forEach((v) -> tasks.remove(v.taskId));
			}
			victims.forEach((v) -> delete(v, "idle or over threshold"));
			return victims.size();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public long usedBytes() {
		return tasks.values().stream().mapToLong(StoredTask::footprint).sum();
	}

	@Override
	public long capacityBytes() {
		return properties.capacity().toBytes();
	}

	@Override
	public void addEvictionListener(Consumer<TaskSnapshot> listener) {
		evictionListeners.add(listener);
	}

	/** Saves what is dirty and closes open data files; called by the container on shutdown. */
	public void close() {
		flushBlocking();
		for (StoredTask task : tasks.values()) {
			try {
				task.closeFile();
			}
			catch (IOException ex) {
				logger.warn("Could not close the data file of task {}: {}", task.taskId, ex.toString());
			}
		}
	}

	/** The directory holding the task files, for the health probes. */
	public Path tasksDir() {
		return tasksDir;
	}

}
