package io.damselfly.manager.probe;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The manager's active probe of every registered scheduler and seed peer (docs/architecture.md#failure-detection-and-ejection), and the circuit
 * breaker each node's probes go through. The breaker decides the node's state: CLOSED is ACTIVE, OPEN is
 * EJECTED, HALF_OPEN is PROBING.
 * <p>
 * With the defaults, a node that turns sick is ejected after 2 failed probes among its last 3 (60% of a
 * full window, 100% of a window of 2), and never for a single failed or slow probe, not even in a fresh
 * window just after it registered, was re-admitted or was handed to another manager: the first
 * failed probe starts at most one {@code interval} after it turns sick and the second one {@code interval}
 * later, so ejection takes at most {@code 2 × interval + timeout} = 5 s (the 5 s target). An ejected node
 * is left alone for {@code wait-in-open}; the first probe after that puts it on probation (PROBING), and
 * when its {@code permitted-in-half-open} probes pass it is ACTIVE again. A node that recovers while
 * ejected is back within {@code wait-in-open + permitted-in-half-open × interval} = 9 s of its ejection;
 * one that recovers just after failing a probation probe waits for that probation to fail, a new
 * {@code wait-in-open} and a new probation: {@code wait-in-open + (2 × permitted-in-half-open − 1) ×
 * interval} = 11 s, plus probe latency. Both are well under the 30 s target.
 *
 * @param enabled whether the manager probes nodes at all (default true); without it every node that keeps
 * alive stays ACTIVE
 * @param interval time between two probe rounds; each round probes every node that is not INACTIVE
 * (default 2 s)
 * @param timeout how long one probe may take, connection included, before it counts as a failure
 * (default 1 s); must be shorter than the interval so a round ends before the next one is due
 * @param path the readiness endpoint probed on each node's base URL (default
 * {@code /actuator/health/readiness})
 * @param concurrency how many nodes are probed at once (default 16)
 * @param windowSize how many of a node's last probes the breaker looks at (count-based window, default 3)
 * @param minimumProbes how many probes a node needs in its window before it can be ejected (default 2)
 * @param failureRateThreshold percentage of failed probes in the window at or above which the node is
 * ejected (default 60: 2 of its last 3 probes, or 2 of 2 while its window holds only 2, just after it
 * registered, was re-admitted or changed managers; above 50 so that one slow answer out of 2 never ejects
 * a healthy node)
 * @param waitInOpen how long an ejected node is left alone before it is put on probation (default 5 s).
 * Probes come in rounds, so the wait ends at the first round at least this long after the ejection; and an
 * ejection is stored a few milliseconds after its round started. With 2 s rounds, 5 s lets the third round
 * after the ejection through (6 s later), where 6 s would wait for the fourth (8 s).
 * @param permittedInHalfOpen how many probes a node on probation gets; all of them must pass for it to be
 * ACTIVE again, and the first one that fails ejects it again at once, whatever the threshold (default 2)
 */
@Validated
@ConfigurationProperties("damselfly.probe")
public record ProbeProperties(
		@DefaultValue("true") boolean enabled,
		@NotNull @DurationMin(millis = 50, message = "interval must be at least 50ms")
		@DefaultValue("2s") Duration interval,
		@NotNull @DurationMin(millis = 10, message = "timeout must be at least 10ms")
		@DefaultValue("1s") Duration timeout,
		@NotBlank @DefaultValue("/actuator/health/readiness") String path,
		@Min(value = 1, message = "concurrency must be at least 1") @Max(value = 256,
				message = "concurrency must be at most 256") @DefaultValue("16") int concurrency,
		@Min(value = 1, message = "window-size must be at least 1") @Max(value = 100,
				message = "window-size must be at most 100") @DefaultValue("3") int windowSize,
		@Min(value = 1, message = "minimum-probes must be at least 1") @DefaultValue("2") int minimumProbes,
		@Min(value = 1, message = "failure-rate-threshold must be between 1 and 100") @Max(value = 100,
				message = "failure-rate-threshold must be between 1 and 100") @DefaultValue("60") int failureRateThreshold,
		@NotNull @DurationMin(millis = 10, message = "wait-in-open must be at least 10ms")
		@DefaultValue("5s") Duration waitInOpen,
		@Min(value = 1, message = "permitted-in-half-open must be at least 1") @Max(value = 100,
				message = "permitted-in-half-open must be at most 100") @DefaultValue("2") int permittedInHalfOpen) {

	/** A round that outlasts the interval would delay every node's next probe, and so its ejection. */
	@AssertTrue(message = "timeout must be shorter than interval")
	public boolean isTimeoutShorterThanInterval() {
		return timeout == null || interval == null || timeout.compareTo(interval) < 0;
	}

	/** Resilience4j would never evaluate a window that can never hold the minimum. */
	@AssertTrue(message = "minimum-probes must not exceed window-size")
	public boolean isMinimumWithinWindow() {
		return minimumProbes <= windowSize;
	}

	/** The probe URL of a node. */
	public String probeUrl(String nodeUrl) {
		return nodeUrl + (path.startsWith("/") ? path : "/" + path);
	}

}
