package io.damselfly.common.peer;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/peers/{peerId}/pieces}: a batch of piece results. The first fetcher from origin
 * also states the content length and piece size once it knows them.
 *
 * @param taskId the task
 * @param contentLength bytes, -1 when not known yet (null when the reporter does not say)
 * @param pieceSize bytes per piece (null when the reporter does not say)
 * @param pieces the results, at most 1000 per batch
 */
public record PieceReport(
		@NotNull(message = "taskId is required") @Pattern(regexp = "[0-9a-f]{64}",
				message = "taskId must be 64 lower-case hex characters") String taskId,
		@Nullable @Min(value = -1, message = "contentLength must be -1 (unknown) or more") Long contentLength,
		@Nullable @Min(value = 1, message = "pieceSize must be positive") Long pieceSize,
		@NotNull(message = "pieces is required") @Size(max = 1000, message = "at most 1000 piece results per batch")
		List<@Valid @NotNull PieceResult> pieces) {
}
