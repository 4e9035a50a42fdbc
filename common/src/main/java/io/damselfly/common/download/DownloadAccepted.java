package io.damselfly.common.download;

/**
 * The 202 answer to {@code POST /api/v1/downloads}.
 *
 * @param id the download id, for {@code GET /api/v1/downloads/{id}}
 * @param taskId the task it belongs to
 */
public record DownloadAccepted(String id, String taskId) {
}
