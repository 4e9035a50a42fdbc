package io.damselfly.manager.probe.ownership;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How several managers share the probing (docs/architecture.md#past-one-machine): each writes a heartbeat
 * into Redis, reads the others', and probes only the nodes that rendezvous hashing gives it among the live
 * ones. A killed manager's nodes move to the others once its heartbeat is older than {@code live-for},
 * plus at most one {@code heartbeat-interval}; their breakers start in the state stored for each node, so
 * an ejected node stays ejected and a healthy one stays ACTIVE across the hand-over.
 *
 * @param instanceId this manager's id among the managers (default: generated at start, unique per
 * process)
 * @param heartbeatInterval how often the heartbeat is written and the live managers read (default 500 ms)
 * @param liveFor how long a manager counts as live after its last heartbeat (default 2 s); must be longer
 * than the interval, or a live manager would drop out between two of its own heartbeats
 */
@Validated
@ConfigurationProperties("damselfly.probe.ownership")
public record OwnershipProperties(@DefaultValue("") String instanceId,
		@NotNull @DurationMin(millis = 50, message = "heartbeat-interval must be at least 50ms")
		@DefaultValue("500ms") Duration heartbeatInterval,
		@NotNull @DurationMin(millis = 100, message = "live-for must be at least 100ms")
		@DefaultValue("2s") Duration liveFor) {

	@AssertTrue(message = "live-for must be at least twice heartbeat-interval")
	public boolean isLiveForLongerThanTwoHeartbeats() {
		return heartbeatInterval == null || liveFor == null || liveFor.compareTo(heartbeatInterval.multipliedBy(2)) >= 0;
	}

}
