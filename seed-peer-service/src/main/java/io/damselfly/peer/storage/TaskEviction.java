package io.damselfly.peer.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes room and sweeps: least-recently-used unpinned tasks go when a new task's length would push usage
 * over the eviction threshold, and unpinned tasks idle past the TTL go at each sweep. Victims are chosen
 * under the catalog's monitor ({@link EvictionPolicy} decides), deleted outside it, and every listener
 * hears of each one.
 */
final class TaskEviction {

	private static final Logger logger = LoggerFactory.getLogger(TaskEviction.class);

	private final TaskCatalog catalog;

	private final TaskFiles files;

	private final StorageProperties properties;

	private final Clock clock;

	private final List<Consumer<TaskSnapshot>> listeners = new CopyOnWriteArrayList<>();

	TaskEviction(TaskCatalog catalog, TaskFiles files, StorageProperties properties, Clock clock) {
		this.catalog = catalog;
		this.files = files;
		this.properties = properties;
		this.clock = clock;
	}

	void addListener(Consumer<TaskSnapshot> listener) {
		listeners.add(listener);
	}

	/**
	 * Frees room for {@code task} to take {@code contentLength} bytes. Blocking.
	 * @throws StorageException when even evicting every unpinned task would not make it fit
	 */
	void makeRoom(StoredTask task, long contentLength) {
		long extra = contentLength - task.footprint();
		List<StoredTask> victims;
		synchronized (catalog) {
			long over = catalog.usedBytes() + extra - thresholdBytes();
			victims = pick(EvictionPolicy.toFree(candidates(task.taskId), over));
			long freed = victims.stream().mapToLong(StoredTask::footprint).sum();
			if (catalog.usedBytes() - freed + extra > capacityBytes()) {
				throw new StorageException("storage capacity " + capacityBytes() + " bytes cannot fit task "
						+ task.taskId + " of " + contentLength + " bytes (" + (catalog.usedBytes() - freed)
						+ " bytes held by tasks in use)");
			}
			catalog.removeAll(victims);
		}
		victims.forEach((v) -> delete(v, "capacity"));
	}

	/** Evicts unpinned tasks idle longer than the TTL, then LRU tasks while over the threshold. Blocking. */
	int evictIdle() {
		List<StoredTask> victims;
		synchronized (catalog) {
			long cutoff = clock.millis() - properties.taskTtl().toMillis();
			List<EvictionPolicy.Candidate> all = candidates(null);
			victims = new ArrayList<>(pick(EvictionPolicy.expired(all, cutoff)));
			long remaining = catalog.usedBytes() - victims.stream().mapToLong(StoredTask::footprint).sum();
			List<String> already = victims.stream().map((v) -> v.taskId).toList();
			pick(EvictionPolicy.toFree(all.stream().filter((c) -> !already.contains(c.taskId())).toList(),
					remaining - thresholdBytes())).forEach(victims::add);
			catalog.removeAll(victims);
		}
		victims.forEach((v) -> delete(v, "idle or over threshold"));
		return victims.size();
	}

	long capacityBytes() {
		return properties.capacity().toBytes();
	}

	private long thresholdBytes() {
		return capacityBytes() * properties.evictionThresholdPercent() / 100;
	}

	private List<EvictionPolicy.Candidate> candidates(@Nullable String except) {
		return catalog.all().stream().filter((t) -> !t.taskId.equals(except))
			.map((t) -> new EvictionPolicy.Candidate(t.taskId, t.footprint(), t.lastAccess(), t.pinned())).toList();
	}

	private List<StoredTask> pick(List<EvictionPolicy.Candidate> chosen) {
		List<StoredTask> out = new ArrayList<>();
		chosen.forEach((c) -> {
			StoredTask t = catalog.find(c.taskId());
			if (t != null && !t.pinned()) {
				out.add(t);
			}
		});
		return out;
	}

	/** Drops one task at once, pinned or not (content that must never be served again). */
	void discard(String taskId, String why) {
		StoredTask task;
		synchronized (catalog) {
			task = catalog.find(taskId);
			if (task != null) {
				catalog.removeAll(java.util.List.of(task));
			}
		}
		if (task != null) {
			delete(task, why);
		}
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
		listeners.forEach((l) -> l.accept(last));
	}

}
