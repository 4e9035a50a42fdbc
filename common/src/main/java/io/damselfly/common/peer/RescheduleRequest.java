package io.damselfly.common.peer;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/peers/{peerId}/reschedule}: the peer ran out of usable parents and asks again,
 * naming the parents it found failing.
 *
 * @param taskId the task
 * @param blocklist parent peer ids to add to this peer's blocklist
 * @param reason why it asks again, for the explanation (optional)
 */
public record RescheduleRequest(
		@NotNull(message = "taskId is required") @Pattern(regexp = "[0-9a-f]{64}",
				message = "taskId must be 64 lower-case hex characters") String taskId,
		@Nullable @Size(max = 1000, message = "blocklist holds at most 1000 peer ids") List<
				@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}", message = "blocklist entries must be peer ids") String> blocklist,
		@Nullable @Size(max = 512, message = "reason is longer than 512 characters") String reason) {
}
