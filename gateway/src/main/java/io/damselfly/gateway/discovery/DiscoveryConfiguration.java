package io.damselfly.gateway.discovery;

import java.time.Clock;

import io.damselfly.gateway.DamselflyGatewayProperties;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires scheduler discovery: the directory, the poller that feeds it from the manager, the LoadBalancer
 * clients of {@code lb://schedulers} and {@code lb://managers}, and the {@code schedulers} health indicator. There is no static list:
 * the manager is the only source of schedulers.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients({
		@LoadBalancerClient(name = SchedulerDirectory.SERVICE_ID, configuration = SchedulerLoadBalancerConfiguration.class),
		@LoadBalancerClient(name = ManagerInstances.SERVICE_ID, configuration = ManagerLoadBalancerConfiguration.class) })
public class DiscoveryConfiguration {

	@Bean
	SchedulerDirectory schedulerDirectory(DamselflyGatewayProperties properties, ManagerProperties manager) {
		return new SchedulerDirectory(properties.clusterId(), String.join(", ", manager.endpoints().stream().map(Object::toString).toList()),
				properties.staleAfter(),
				Clock.systemUTC());
	}

	@Bean
	SchedulerPoller schedulerPoller(ManagerClient managerClient, SchedulerDirectory directory,
			DamselflyGatewayProperties properties) {
		return new SchedulerPoller(managerClient, directory, properties.refreshInterval());
	}

	@Bean
	SchedulerPoolHealthIndicator schedulersHealthIndicator(SchedulerDirectory directory) {
		return new SchedulerPoolHealthIndicator(directory);
	}

}
