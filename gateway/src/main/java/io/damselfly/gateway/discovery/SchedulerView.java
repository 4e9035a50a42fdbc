package io.damselfly.gateway.discovery;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The scheduler pool at one instant: the instances to route to, or, when there are none, why.
 *
 * @param instances the active schedulers, sorted by id; empty when none can be used
 * @param unavailableReason why {@code instances} is empty, phrased for a problem detail; null when it is not
 */
public record SchedulerView(List<ServiceInstance> instances, @Nullable String unavailableReason) {

	public SchedulerView {
		instances = List.copyOf(instances);
	}

	static SchedulerView of(List<ServiceInstance> instances) {
		return new SchedulerView(instances, null);
	}

	static SchedulerView none(String reason) {
		return new SchedulerView(List.of(), reason);
	}

	/** True when at least one scheduler can take a call. */
	public boolean available() {
		return !instances.isEmpty();
	}

}
