package io.damselfly.gateway.discovery;

import io.damselfly.service.manager.ManagerProperties;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * The LoadBalancer child-context configuration of service id {@value ManagerInstances#SERVICE_ID}.
 * Registered through {@code @LoadBalancerClient} only, so it carries no {@code @Configuration}.
 */
public class ManagerLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier managerInstances(ManagerProperties manager) {
		return new ManagerInstances(manager.endpoints());
	}

	@Bean
	RetryAwareRoundRobinLoadBalancer managerLoadBalancer(ServiceInstanceListSupplier managerInstances) {
		return new RetryAwareRoundRobinLoadBalancer(managerInstances);
	}

}
