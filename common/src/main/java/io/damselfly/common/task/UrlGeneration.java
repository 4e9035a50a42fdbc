package io.damselfly.common.task;

import java.time.Instant;

/**
 * {@code GET /api/v1/urls/{baseId}/generation} on a scheduler: the latest generation of a URL's
 * content that a peer confirmed with the origin (docs/architecture.md#trust-and-security). A peer
 * that cannot ask the origin (it is down), or whose policy lets it skip the question, joins this
 * generation's task.
 *
 * @param baseId the URL's task id without a generation ({@code TaskIds.derive})
 * @param taskId the generation's task id ({@code TaskIds.generation(baseId, validator)})
 * @param validator the origin's validator of that content: {@code etag:…}, {@code last-modified:…},
 * {@code length:…}, or {@code unvalidated:…} when the origin gave none
 * @param validatedAt when the origin last confirmed it
 */
public record UrlGeneration(String baseId, String taskId, String validator, Instant validatedAt) {
}
