package io.damselfly.gateway.discovery;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Shows the scheduler pool the gateway routes to: UP with at least one active scheduler, DOWN with the
 * reason otherwise. Kept out of the readiness group on purpose (fail-open): a gateway with no scheduler
 * still serves the manager routes and answers scheduler calls with an immediate 503 that names the
 * cause, which helps callers more than being taken out of rotation.
 */
public class SchedulerPoolHealthIndicator extends AbstractReactiveHealthIndicator {

	private final SchedulerDirectory directory;

	public SchedulerPoolHealthIndicator(SchedulerDirectory directory) {
		super("scheduler pool health check failed");
		this.directory = directory;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		SchedulerView view = directory.view();
		builder.withDetail("cluster", directory.clusterId())
			.withDetail("schedulers", view.instances().stream().map(ServiceInstance::getInstanceId).toList());
		Instant listedAt = directory.lastListedAt();
		if (listedAt != null) {
			builder.withDetail("lastListedAt", listedAt.toString());
		}
		if (directory.freshness() != null) {
			builder.withDetail("listFreshness", String.valueOf(directory.freshness()));
		}
		Instant unreachableSince = directory.unreachableSince();
		if (unreachableSince != null) {
			builder.withDetail("managerUnreachableSince", unreachableSince.toString());
		}
		if (view.available()) {
			return Mono.just(builder.up().build());
		}
		return Mono.just(builder.down().withDetail("reason", String.valueOf(view.unavailableReason())).build());
	}

}
