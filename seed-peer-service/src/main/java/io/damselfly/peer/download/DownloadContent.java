package io.damselfly.peer.download;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The file of a succeeded download, pinned against eviction until {@link DownloadService#release}.
 *
 * @param taskId the task it belongs to
 * @param path the store's data file
 * @param length bytes to send
 * @param sha256 the whole file's digest, once known
 */
public record DownloadContent(String taskId, Path path, long length, @Nullable String sha256) {
}
