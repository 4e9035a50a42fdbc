package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.piece.PieceMath;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory state of one stored task. Mutated under its own monitor; pins are counted apart so
 * that serving a piece never waits for a writer.
 */
final class StoredTask {

	final String taskId;

	final Path dataPath;

	final Path metaPath;

	final long createdAt;

	final AtomicInteger pins = new AtomicInteger();

	private final BitSet held = new BitSet();

	private final Map<Integer, String> digests = new TreeMap<>();

	private @Nullable String peerId;

	private long contentLength = PieceMath.UNKNOWN_LENGTH;

	private long pieceSize;

	private @Nullable String sha256;

	private @Nullable DataFile file;

	private volatile long lastAccess;

	private volatile boolean dirty;

	StoredTask(String taskId, Path dataPath, Path metaPath, long createdAt) {
		this.taskId = taskId;
		this.dataPath = dataPath;
		this.metaPath = metaPath;
		this.createdAt = createdAt;
		this.lastAccess = createdAt;
	}

	synchronized void restore(TaskMetadata meta) {
		peerId = meta.peerId();
		contentLength = meta.contentLength();
		pieceSize = meta.pieceSize();
		sha256 = meta.sha256();
		lastAccess = meta.lastAccessMillis();
		for (int n = 0; n < meta.digests().size(); n++) {
			String digest = meta.digests().get(n);
			if (digest != null) {
				held.set(n);
				digests.put(n, digest);
			}
		}
	}

	synchronized TaskMetadata toMetadata() {
		int size = held.length();
		java.util.List<@Nullable String> list = new java.util.ArrayList<>(size);
		for (int n = 0; n < size; n++) {
			list.add(held.get(n) ? digests.get(n) : null);
		}
		return new TaskMetadata(1, taskId, peerId, contentLength, pieceSize, list, createdAt, lastAccess, sha256);
	}

	synchronized TaskSnapshot snapshot() {
		int count = pieceCount();
		return new TaskSnapshot(taskId, peerId, contentLength, pieceSize, count, (BitSet) held.clone(),
				Map.copyOf(digests), completedBytes(), isComplete(), sha256);
	}

	synchronized int pieceCount() {
		return (contentLength >= 0 && pieceSize > 0) ? PieceMath.pieceCount(contentLength, pieceSize) : -1;
	}

	synchronized boolean isComplete() {
		int count = pieceCount();
		return count >= 0 && held.cardinality() == count && held.length() <= count;
	}

	synchronized long completedBytes() {
		long total = 0;
		for (int n = held.nextSetBit(0); n >= 0; n = held.nextSetBit(n + 1)) {
			total += pieceLength(n);
		}
		return total;
	}

	/** Bytes this task may take on disk, for capacity accounting. */
	synchronized long footprint() {
		return (contentLength >= 0) ? contentLength : completedBytes();
	}

	/** Length of piece {@code n}: exact when the content length is known, else the piece size. */
	synchronized long pieceLength(int n) {
		if (contentLength >= 0) {
			return PieceMath.length(n, contentLength, pieceSize);
		}
		return pieceSize;
	}

	/**
	 * Records sizes. The first caller wins; a later caller that disagrees gets an error rather than a
	 * file cut on two grids.
	 */
	synchronized void setSizes(long length, long size) {
		if (pieceSize > 0 && size != pieceSize) {
			throw new StorageException("task " + taskId + " is stored with piece size " + pieceSize
					+ ", refusing piece size " + size);
		}
		if (contentLength >= 0 && length >= 0 && length != contentLength) {
			throw new StorageException("task " + taskId + " is stored with length " + contentLength
					+ ", refusing length " + length);
		}
		pieceSize = size;
		if (length >= 0) {
			contentLength = length;
			int count = pieceCount();
			if (held.length() > count) {
				throw new StorageException("task " + taskId + " holds piece " + (held.length() - 1)
						+ " beyond its length " + length);
			}
		}
		dirty = true;
	}

	/** Marks a piece complete; a short piece of a task of unknown length reveals the length. */
	synchronized void markComplete(int n, long length, String digest) {
		if (contentLength < 0 && length < pieceSize) {
			contentLength = n * pieceSize + length;
		}
		held.set(n);
		digests.put(n, digest);
		sha256 = null;
		dirty = true;
	}

	synchronized boolean has(int n) {
		return held.get(n);
	}

	synchronized @Nullable String digest(int n) {
		return digests.get(n);
	}

	synchronized long contentLength() {
		return contentLength;
	}

	synchronized long pieceSize() {
		return pieceSize;
	}

	synchronized @Nullable String peerId() {
		return peerId;
	}

	synchronized void peerId(String id) {
		peerId = id;
		dirty = true;
	}

	synchronized void sha256(String hex) {
		sha256 = hex;
		dirty = true;
	}

	synchronized DataFile file(DataFile.Opener opener) throws IOException {
		DataFile current = file;
		if (current == null) {
			current = opener.open(dataPath);
			file = current;
		}
		return current;
	}

	synchronized @Nullable DataFile openFile() {
		return file;
	}

	synchronized void closeFile() throws IOException {
		DataFile current = file;
		file = null;
		if (current != null) {
			current.close();
		}
	}

	void touch(long now) {
		lastAccess = now;
	}

	long lastAccess() {
		return lastAccess;
	}

	boolean dirty() {
		return dirty;
	}

	void clean() {
		dirty = false;
	}

	void markDirty() {
		dirty = true;
	}

	boolean pinned() {
		return pins.get() > 0;
	}

}
