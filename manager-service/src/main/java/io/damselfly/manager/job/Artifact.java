package io.damselfly.manager.job;

import org.jspecify.annotations.Nullable;

/**
 * One thing a job downloads on every target node.
 *
 * @param url where the nodes fetch it from the origin (for an image blob:
 * {@code <registry>/v2/<name>/blobs/<digest>})
 * @param digest {@code sha256:<hex>} of an image blob, which makes its task the blob's task (the one the
 * registry proxy uses); null for a plain URL
 * @param taskId the task the nodes download into
 */
public record Artifact(String url, @Nullable String digest, String taskId) {
}
