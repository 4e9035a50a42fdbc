package io.damselfly.gateway.discovery;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * The LoadBalancer child-context configuration of service id {@value SchedulerDirectory#SERVICE_ID}.
 * Registered through {@code @LoadBalancerClient} only, so it carries no {@code @Configuration}: component
 * scanning must not make these beans global.
 */
public class SchedulerLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier activeSchedulerInstances(SchedulerDirectory directory) {
		return new ActiveSchedulerInstances(directory);
	}

	@Bean
	RetryAwareRoundRobinLoadBalancer schedulerLoadBalancer(ServiceInstanceListSupplier activeSchedulerInstances) {
		return new RetryAwareRoundRobinLoadBalancer(activeSchedulerInstances);
	}

}
