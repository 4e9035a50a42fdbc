package io.damselfly.peer.storage;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where a held piece lies on disk, for zero-copy serving. The path comes from the store's own mapping
 * of a validated task id, never from request text.
 *
 * @param path the task's data file
 * @param offset byte offset of the piece
 * @param length bytes of the piece
 * @param digest its SHA-256, when recorded
 */
public record PieceLocation(Path path, long offset, long length, @Nullable String digest) {
}
