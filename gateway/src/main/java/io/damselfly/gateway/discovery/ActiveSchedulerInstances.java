package io.damselfly.gateway.discovery;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Feeds Spring Cloud LoadBalancer the schedulers the {@link SchedulerDirectory} holds at the moment of each
 * call, so a change on the manager reaches the next request without any cache of LoadBalancer's own.
 */
public class ActiveSchedulerInstances implements ServiceInstanceListSupplier {

	private final SchedulerDirectory directory;

	public ActiveSchedulerInstances(SchedulerDirectory directory) {
		this.directory = directory;
	}

	@Override
	public String getServiceId() {
		return SchedulerDirectory.SERVICE_ID;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> Flux.just(directory.view().instances()));
	}

}
