package io.damselfly.peer.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.common.id.Ids;
import io.damselfly.common.piece.PieceMath;
import org.jspecify.annotations.Nullable;

/**
 * The tasks the store holds, in memory, and their pins. Pinning and choosing eviction victims hold this
 * catalog's monitor, so a task is never evicted between being found and being pinned.
 */
final class TaskCatalog {

	private final TaskFiles files;

	private final Clock clock;

	private final Map<String, StoredTask> tasks = new ConcurrentHashMap<>();

	TaskCatalog(TaskFiles files, Clock clock) {
		this.files = files;
		this.clock = clock;
	}

	void load() {
		for (StoredTask task : files.loadAll()) {
			tasks.put(task.taskId, task);
		}
	}

	/** The task, created empty when unknown. */
	StoredTask getOrCreate(String taskId) {
		return tasks.computeIfAbsent(Ids.requireTaskId(taskId),
				(id) -> new StoredTask(id, files.dataPath(id), files.metaPath(id), clock.millis()));
	}

	/** The task, or a {@link StorageException} when it is not (or no longer) stored. */
	StoredTask existing(String taskId) {
		StoredTask task = tasks.get(taskId);
		if (task == null) {
			throw new StorageException("task " + taskId + " is not stored (evicted?)");
		}
		return task;
	}

	@Nullable StoredTask find(String taskId) {
		return tasks.get(taskId);
	}

	Collection<StoredTask> all() {
		return tasks.values();
	}

	int size() {
		return tasks.size();
	}

	synchronized void pin(String taskId) {
		StoredTask task = getOrCreate(taskId);
		task.pins.incrementAndGet();
		task.touch(clock.millis());
	}

	void unpin(String taskId) {
		StoredTask task = tasks.get(taskId);
		if (task != null) {
			task.pins.updateAndGet((n) -> Math.max(0, n - 1));
		}
	}

	/** A held piece, pinned; empty when not held or the task was just evicted. */
	Optional<PieceLocation> acquirePiece(String taskId, int number) {
		StoredTask task = acquire(taskId, (t) -> t.has(number));
		return (task != null) ? Optional.of(new PieceLocation(task.dataPath, PieceMath.offset(number, task.pieceSize()),
				task.pieceLength(number), task.digest(number))) : Optional.empty();
	}

	/** The data file of a complete task, pinned; empty when not complete. */
	Optional<Path> acquireContent(String taskId) {
		StoredTask task = acquire(taskId, StoredTask::isComplete);
		return (task != null) ? Optional.of(task.dataPath) : Optional.empty();
	}

	private @Nullable StoredTask acquire(String taskId, java.util.function.Predicate<StoredTask> servable) {
		StoredTask task = tasks.get(taskId);
		if (task == null) {
			return null;
		}
		synchronized (this) {
			if (!servable.test(task) || tasks.get(taskId) != task) {
				return null;
			}
			task.pins.incrementAndGet();
		}
		task.touch(clock.millis());
		return task;
	}

	/** Takes victims out of the catalog; the caller holds this catalog's monitor. */
	void removeAll(List<StoredTask> victims) {
		victims.forEach((v) -> tasks.remove(v.taskId));
	}

	long usedBytes() {
		return tasks.values().stream().mapToLong(StoredTask::footprint).sum();
	}

}
