package io.damselfly.peer.scheduler;

import java.time.Clock;
import java.time.Duration;

import io.damselfly.peer.health.HealthProperties;
import io.damselfly.peer.health.PeerHealth;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.peer.identity.PeerProperties;
import io.damselfly.peer.resilience.BreakerFamily;
import io.damselfly.peer.serve.UploadSlots;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeDirectory;
import io.damselfly.service.manager.NodeProperties;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.service.web.WebClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the daemon's link to the schedulers: discovery through the manager (refreshed every
 * {@code scheduler-refresh-interval}), the failover client and its breakers, the host announcer, and the
 * "leave" sent when the store evicts a task.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerLinkConfiguration {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	BreakerFamily schedulerBreakerFamily(SchedulerLinkProperties properties) {
		return new BreakerFamily(SchedulerClient.BREAKER_CONFIG,
				properties.breaker().toBuilder().ignoreException(SchedulerClient::ignoredByBreaker).build());
	}

	@Bean
	SchedulerDiscovery schedulerDiscovery(ManagerClient manager, ManagerProperties managerProperties,
			NodeProperties node, SchedulerLinkProperties properties, Clock clock) {
		NodeDirectory directory = new NodeDirectory("schedulers of cluster " + node.clusterId(),
				managerProperties.url(), managerProperties.nodeList(), clock);
		return new SchedulerDiscovery(manager, node.clusterId(), properties.schedulers(), directory);
	}

	@Bean
	PeriodicTask schedulerListRefresh(SchedulerDiscovery discovery, SchedulerLinkProperties properties) {
		return PeriodicTask.atFixedRate("scheduler list refresh", Duration.ZERO,
				properties.schedulerRefreshInterval(), discovery::refresh);
	}

	@Bean
	SchedulerClient schedulerClient(WebClient.Builder webClientBuilder, SchedulerDiscovery discovery,
			CircuitBreakerRegistry breakers, SchedulerLinkProperties properties, BearerTokenFilter credentials,
			ClusterHttpClients http) {
		// This daemon's own token on every scheduler call (docs/architecture.md#trust-and-security).
		WebClient web = WebClients.withTimeouts(webClientBuilder.clone().filter(credentials), http.create(),
				CONNECT_TIMEOUT, null)
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		return new SchedulerClient(web, discovery, breakers, properties.schedulerTimeout());
	}

	@Bean
	HostAnnouncer hostAnnouncer(SchedulerClient scheduler, PeerIdentity identity, PeerProperties peer,
			SchedulerLinkProperties properties, PeerHealth health, UploadSlots slots, HealthProperties healthProperties) {
		return new HostAnnouncer(scheduler, identity, peer, properties.announceInterval(), health, slots,
				healthProperties.snapshotInterval());
	}

	@Bean
	LeaveOnEviction leaveOnEviction(SchedulerClient scheduler, BackgroundWork background, TaskStore store) {
		LeaveOnEviction leave = new LeaveOnEviction(scheduler, background);
		store.addEvictionListener(leave);
		return leave;
	}

}
