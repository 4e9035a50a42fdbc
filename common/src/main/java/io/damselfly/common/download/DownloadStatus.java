package io.damselfly.common.download;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/downloads/{id}}: progress and provenance of a download.
 *
 * @param id download id
 * @param taskId task id
 * @param peerId the peer id this daemon registered for the task with the scheduler, for
 * {@code GET /api/v1/peers/{peerId}/schedule} (null before it registered)
 * @param url origin URL
 * @param state state
 * @param completedBytes bytes verified and written
 * @param contentLength total bytes, -1 while unknown
 * @param bytesFromPeers verified bytes that came from parents
 * @param bytesFromOrigin verified bytes that came from the origin
 * @param parents parent peer ids used so far
 * @param backToSourceReason why bytes came from the origin, when any did
 * @param error why it failed, when it did
 * @param sha256 hex digest of the whole file once finished
 * @param startedAt start
 * @param finishedAt end, when ended
 * @param freshness how the content was checked against the origin before the swarm's copy was used:
 * {@code revalidated}, {@code changed at origin}, {@code served stale: origin unreachable (…)},
 * {@code not checked: …} (docs/architecture.md#trust-and-security)
 */
public record DownloadStatus(String id, String taskId, @Nullable String peerId, String url, DownloadState state, long completedBytes,
		long contentLength, long bytesFromPeers, long bytesFromOrigin, List<String> parents,
		@Nullable String backToSourceReason, @Nullable String error, @Nullable String sha256, Instant startedAt,
		@Nullable Instant finishedAt, @Nullable String freshness) {
}
