package io.damselfly.peer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.id.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of the store's directory: reading and atomically writing task metadata, and hashing a data
 * file. File names are derived from validated task ids only. Blocking: call off the event loop.
 */
final class TaskFiles {

	private static final Logger logger = LoggerFactory.getLogger(TaskFiles.class);

	static final String DATA = ".data";

	static final String META = ".meta.json";

	private final Path dir;

	private final JsonMapper json;

	TaskFiles(Path dir, JsonMapper json) {
		this.dir = dir;
		this.json = json;
	}

	Path dataPath(String taskId) {
		return dir.resolve(Ids.requireTaskId(taskId) + DATA);
	}

	Path metaPath(String taskId) {
		return dir.resolve(Ids.requireTaskId(taskId) + META);
	}

	List<StoredTask> loadAll() {
		List<StoredTask> out = new ArrayList<>();
		try {
			Files.createDirectories(dir);
			try (var list = Files.list(dir)) {
				for (Path meta : list.filter((p) -> p.getFileName().toString().endsWith(META)).toList()) {
					StoredTask task = load(meta);
					if (task != null) {
						out.add(task);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read task storage " + dir, ex);
		}
		return out;
	}

	private @Nullable StoredTask load(Path metaPath) {
		String name = metaPath.getFileName().toString();
		String taskId = name.substring(0, name.length() - META.length());
		if (!Ids.isTaskId(taskId)) {
			logger.warn("Ignoring {}: not named after a task id", metaPath);
			return null;
		}
		try {
			TaskMetadata meta = json.readValue(metaPath.toFile(), TaskMetadata.class);
			Path data = dataPath(taskId);
			if (!taskId.equals(meta.taskId()) || !Files.exists(data)) {
				logger.warn("Dropping task {}: metadata does not match its file or the data file is gone", taskId);
				Files.deleteIfExists(metaPath);
				return null;
			}
			StoredTask task = new StoredTask(taskId, data, metaPath, meta.createdAtMillis());
			task.restore(meta);
			task.clean();
			return task;
		}
		catch (IOException | RuntimeException ex) {
			// Fail-closed for the task, open for the daemon: unreadable metadata loses one task, never the start.
			logger.warn("Dropping task {}: unreadable metadata ({})", taskId, ex.toString());
			return null;
		}
	}

	/** Writes the metadata to a temp file, forces it, and renames it over the old one. */
	void writeMetadata(StoredTask task) throws IOException {
		if (!Files.exists(task.dataPath)) {
			return;
		}
		byte[] bytes = json.writeValueAsBytes(task.toMetadata());
		Path tmp = task.metaPath.resolveSibling(task.metaPath.getFileName() + ".tmp");
		try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(tmp, task.metaPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Copies the data file to {@code target} through a temp file in the target's directory. */
	void copyTo(StoredTask task, Path target) throws IOException {
		Path tmp = target.resolveSibling(target.getFileName() + ".damselfly-tmp");
		Files.copy(task.dataPath, tmp, StandardCopyOption.REPLACE_EXISTING);
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	void delete(StoredTask task) throws IOException {
		Files.deleteIfExists(task.metaPath);
		Files.deleteIfExists(task.dataPath);
	}

	void createEmpty(StoredTask task) throws IOException {
		if (!Files.exists(task.dataPath)) {
			Files.createFile(task.dataPath);
		}
	}

	String sha256(StoredTask task, long length) throws IOException {
		MessageDigest digest = Digests.newSha256();
		if (length > 0) {
			try (FileChannel channel = FileChannel.open(task.dataPath, StandardOpenOption.READ)) {
				ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
				long position = 0;
				while (position < length) {
					buffer.clear();
					buffer.limit((int) Math.min(buffer.capacity(), length - position));
					int n = channel.read(buffer, position);
					if (n < 0) {
						throw new IOException("data file of task " + task.taskId + " is shorter than its length");
					}
					buffer.flip();
					digest.update(buffer);
					position += n;
				}
			}
		}
		return Digests.hex(digest);
	}

}
