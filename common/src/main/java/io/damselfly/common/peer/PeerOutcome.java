package io.damselfly.common.peer;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/peers/{peerId}/finished} and {@code .../failed}: the end of a peer's download.
 *
 * @param taskId the task
 * @param contentLength the final length (finished) or null
 * @param reason why it failed (failed) or null
 */
public record PeerOutcome(
		@NotNull(message = "taskId is required") @Pattern(regexp = "[0-9a-f]{64}",
				message = "taskId must be 64 lower-case hex characters") String taskId,
		@Nullable @Min(value = 0, message = "contentLength must not be negative") Long contentLength,
		@Nullable @Size(max = 1024, message = "reason is longer than 1024 characters") String reason) {
}
