package io.damselfly.peer.storage;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The metadata file of a task, {@code <taskId>.meta.json} next to {@code <taskId>.data}. Written
 * atomically (temp file, then rename) and only after the data file was forced, so it never claims a
 * piece whose bytes could be lost.
 *
 * @param version format version
 * @param taskId task id, checked against the file name on load
 * @param peerId the peer id used with the scheduler for this task
 * @param contentLength bytes, -1 while unknown
 * @param pieceSize bytes per piece, 0 while unknown
 * @param digests hex SHA-256 per piece number, null for a piece not held
 * @param createdAtMillis when the task was first stored
 * @param lastAccessMillis last download or upload, for LRU and TTL eviction
 * @param sha256 whole-file digest, once computed
 */
public record TaskMetadata(int version, String taskId, @Nullable String peerId, long contentLength, long pieceSize,
		List<@Nullable String> digests, long createdAtMillis, long lastAccessMillis, @Nullable String sha256) {
}
