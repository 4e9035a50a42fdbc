package io.damselfly.common.host;

import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A host's own view of its health, sent with every announce so that normal peers, which the manager
 * does not probe, are judged too.
 *
 * @param status overall status
 * @param diskUsedPercent usage of the cache volume or of the configured capacity, 0-100 (optional)
 * @param reason what is wrong when not UP, e.g. {@code diskSpace: used 91% > 85%}
 * @param details per-indicator status, e.g. {@code {"diskSpace":"DOWN","diskIo":"UP"}} (optional)
 */
public record HealthSnapshot(@NotNull(message = "health.status is required (UP, DEGRADED or DOWN)") HealthStatus status,
		@Nullable @DecimalMin(value = "0", message = "health.diskUsedPercent must be between 0 and 100")
		@DecimalMax(value = "100", message = "health.diskUsedPercent must be between 0 and 100") Double diskUsedPercent,
		@Nullable String reason, @Nullable Map<String, String> details) {

	public static HealthSnapshot up() {
		return new HealthSnapshot(HealthStatus.UP, null, null, Map.of());
	}

	public static HealthSnapshot down(String reason) {
		return new HealthSnapshot(HealthStatus.DOWN, null, reason, Map.of());
	}

}
