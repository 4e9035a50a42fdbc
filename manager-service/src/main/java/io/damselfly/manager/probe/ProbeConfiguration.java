package io.damselfly.manager.probe;

import java.time.Clock;
import java.util.UUID;

import io.damselfly.manager.probe.ownership.ManagerHeartbeat;
import io.damselfly.manager.probe.ownership.OwnershipProperties;
import io.damselfly.manager.probe.health.NodeHealthClient;
import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.manager.probe.transition.NodeEventPublisher;
import io.damselfly.manager.registry.store.NodeRepository;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the active probe of registered nodes: the breaker registry, the readiness client, the prober and
 * its loop (which starts only when {@code damselfly.probe.enabled}), and the heartbeat that shares the nodes
 * among several managers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProbeProperties.class, OwnershipProperties.class })
public class ProbeConfiguration {

	@Bean
	CircuitBreakerRegistry nodeBreakerRegistry(ProbeProperties properties, Clock clock, MeterRegistry meters) {
		return NodeBreakers.registry(properties, clock, meters);
	}

	@Bean
	NodeBreakers nodeBreakers(CircuitBreakerRegistry nodeBreakerRegistry) {
		return new NodeBreakers(nodeBreakerRegistry);
	}

	@Bean
	NodeHealthClient nodeHealthClient(WebClient.Builder webClientBuilder, ProbeProperties properties,
			MeterRegistry meters, BearerTokenFilter credentials, ClusterHttpClients http, BackgroundWork background) {
		// The manager's own token on each probe, so the node shows it its health details.
		return new NodeHealthClient(webClientBuilder.clone().filter(credentials), http.create(), properties, meters,
				background);
	}

	@Bean
	NodeEventPublisher nodeEventPublisher(ReactiveStringRedisTemplate redis, JsonMapper json) {
		return new NodeEventPublisher(redis, json);
	}

	@Bean
	ManagerHeartbeat managerHeartbeat(ReactiveStringRedisTemplate redis, OwnershipProperties ownership, Clock clock) {
		String id = ownership.instanceId().isBlank()
				? "manager-" + UUID.randomUUID().toString().substring(0, 8) : ownership.instanceId();
		return new ManagerHeartbeat(redis, id, ownership.heartbeatInterval(), ownership.liveFor(), clock);
	}

	@Bean
	NodeProber nodeProber(NodeRepository nodes, NodeHealthClient health, NodeBreakers breakers,
			NodeEventPublisher events, Clock clock, MeterRegistry meters, ProbeProperties properties,
			ManagerHeartbeat heartbeat) {
		return new NodeProber(nodes, health, breakers, events, clock, meters, properties.concurrency(),
				heartbeat::owns);
	}

	@Bean
	NodeProbeLoop nodeProbeLoop(NodeProber prober, ProbeProperties properties) {
		return new NodeProbeLoop(prober, properties.interval(), properties.enabled());
	}

}
