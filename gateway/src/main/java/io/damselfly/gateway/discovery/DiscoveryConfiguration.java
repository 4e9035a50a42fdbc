package io.damselfly.gateway.discovery;

import java.time.Clock;
import java.time.Duration;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.gateway.DamselflyGatewayProperties;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires scheduler discovery: the directory, its refresh from the manager (one call at a time: a slow
 * manager delays the next refresh rather than piling calls up), the LoadBalancer clients of
 * {@code lb://schedulers} and {@code lb://managers}, and the {@code schedulers} health indicator. There is no static list: the
 * manager is the only source of schedulers.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients({
		@LoadBalancerClient(name = SchedulerDirectory.SERVICE_ID, configuration = SchedulerLoadBalancerConfiguration.class),
		@LoadBalancerClient(name = ManagerInstances.SERVICE_ID, configuration = ManagerLoadBalancerConfiguration.class) })
public class DiscoveryConfiguration {

	@Bean
	SchedulerDirectory schedulerDirectory(DamselflyGatewayProperties properties, ManagerProperties manager) {
		return new SchedulerDirectory(properties.clusterId(), manager.endpoints().get(0), manager.nodeList(), Clock.systemUTC());
	}

	@Bean
	PeriodicTask schedulerListRefresh(ManagerClient managerClient, SchedulerDirectory directory,
			DamselflyGatewayProperties properties) {
		return PeriodicTask.atFixedRate("scheduler list refresh", Duration.ZERO, properties.refreshInterval(),
				() -> directory.refreshFrom(
						managerClient.nodes(NodeType.SCHEDULER, NodeState.ACTIVE, directory.clusterId())));
	}

	@Bean
	SchedulerPoolHealthIndicator schedulersHealthIndicator(SchedulerDirectory directory) {
		return new SchedulerPoolHealthIndicator(directory);
	}

}
