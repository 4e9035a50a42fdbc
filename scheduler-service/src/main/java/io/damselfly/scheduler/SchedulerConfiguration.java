package io.damselfly.scheduler;

import java.time.Clock;
import java.util.List;

import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.config.InstanceId;
import io.damselfly.scheduler.config.SchedulerProperties;
import io.damselfly.scheduler.host.AnnouncedHealthPolicy;
import io.damselfly.scheduler.host.BreakerPolicy;
import io.damselfly.scheduler.host.BreakerWatch;
import io.damselfly.scheduler.host.CombinedHostPolicy;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.ManagerEjectionPolicy;
import io.damselfly.scheduler.metrics.SchedulerMetrics;
import io.damselfly.scheduler.scheduling.BreakerGate;
import io.damselfly.scheduler.scheduling.DecisionObserver;
import io.damselfly.scheduler.scheduling.Evaluator;
import io.damselfly.scheduler.scheduling.Filters;
import io.damselfly.scheduler.scheduling.PeerReportService;
import io.damselfly.scheduler.scheduling.RelaxationLadder;
import io.damselfly.scheduler.scheduling.Scheduler;
import io.damselfly.scheduler.scheduling.SchedulingService;
import io.damselfly.scheduler.scheduling.TaskQueries;
import io.damselfly.scheduler.seed.HttpSeedClient;
import io.damselfly.scheduler.seed.NodeEventSubscriber;
import io.damselfly.scheduler.seed.SeedClient;
import io.damselfly.scheduler.seed.SeedDirectory;
import io.damselfly.scheduler.seed.SeedTrigger;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.RedisHostRepository;
import io.damselfly.scheduler.state.RedisLink;
import io.damselfly.scheduler.state.RedisTaskStateRepository;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeProperties;
import io.damselfly.service.resilience.BreakerRegistries;
import io.damselfly.service.resilience.IdleBreakerEviction;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import io.damselfly.service.security.AccessRules;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.security.Role;
import io.damselfly.service.tls.ClusterHttpClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the plain scheduling classes together; none of them depends on Spring. */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	InstanceId instanceId(SchedulerProperties properties) {
		return new InstanceId(properties);
	}

	@Bean
	ClusterConfigSource clusterConfigSource(ManagerClient manager, NodeProperties node, SchedulerProperties properties,
			Clock clock, BackgroundWork background) {
		return new ClusterConfigSource(manager, node, properties, clock, background);
	}

	@Bean
	RedisLink redisLink(LettuceConnectionFactory factory) {
		return new RedisLink(factory);
	}

	@Bean
	TaskStateRepository taskStateRepository(RedisLink redis) {
		return new RedisTaskStateRepository(redis);
	}

	@Bean
	HostRepository hostRepository(RedisLink redis, JsonMapper json, HostBreakerProperties breakers) {
		return new RedisHostRepository(redis, json, breakers);
	}

	/**
	 * Whether a host may serve: the manager's ejections first, then the health the host announced, then
	 * its breaker shared through Redis. Resilience4j breakers are not used for hosts: their state lives
	 * in one JVM, and every instance must agree on a host's state, so the state machine runs in Redis.
	 */
	@Bean
	@ConditionalOnMissingBean
	HostEjectionPolicy hostEjectionPolicy(SeedDirectory seeds, HostBreakerProperties breakers, Clock clock) {
		return new CombinedHostPolicy(List.of(new ManagerEjectionPolicy(seeds), new AnnouncedHealthPolicy(),
				new BreakerPolicy(breakers, clock)));
	}

	@Bean
	BreakerWatch breakerWatch(HostBreakerProperties breakers, SchedulerMetrics metrics, Clock clock) {
		return new BreakerWatch(breakers, metrics, clock);
	}

	@Bean
	Scheduler scheduler(HostEjectionPolicy policy) {
		return new Scheduler(Filters.standard(), new Evaluator(), policy);
	}

	@Bean
	SchedulerMetrics schedulerMetrics(MeterRegistry registry) {
		return new SchedulerMetrics(registry);
	}

	/**
	 * Breakers for calls this scheduler makes to seed nodes ({@code node:<id>}), created once each.
	 * Host breakers are not here: they are shared by all instances through Redis ({@link BreakerPolicy}).
	 * Seeds come and go, so a breaker idle for 10 minutes (far beyond its 10 s wait in OPEN) leaves the
	 * registry with its meters, and at most 1000 are kept.
	 */
	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(SchedulerProperties properties, MeterRegistry meters, Clock clock) {
		CircuitBreakerRegistry registry = BreakerRegistries.observed(properties.seedBreakerSettings().toBuilder()
			.recordException(SeedTrigger::countsAgainstSeed)
			.build(), meters);
		IdleBreakerEviction.watch(registry, clock, java.time.Duration.ofMinutes(10), 1_000);
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	SeedClient seedClient(WebClient.Builder webClientBuilder, SchedulerProperties properties,
			BearerTokenFilter credentials, ClusterHttpClients http) {
		// The seed's download API takes the scheduler's own token (docs/architecture.md#trust-and-security).
		return new HttpSeedClient(webClientBuilder.clone().filter(credentials), http.create(),
				properties.seedTriggerTimeout());
	}

	/**
	 * Peers and seeds announce, register and report; anyone with a token may read tasks and hosts
	 * (the gateway relays its caller's token).
	 */
	@Bean
	AccessRules schedulerAccessRules() {
		String[] reporters = Role.ids(Role.SEED, Role.PEER, Role.ADMIN);
		return (a) -> a.pathMatchers(HttpMethod.POST, "/api/v1/hosts").hasAnyRole(reporters)
			.pathMatchers(HttpMethod.DELETE, "/api/v1/hosts/**").hasAnyRole(reporters)
			.pathMatchers("/api/v1/peers", "/api/v1/peers/**").hasAnyRole(reporters)
			.pathMatchers(HttpMethod.GET, "/api/v1/tasks/**", "/api/v1/hosts/**").authenticated();
	}

	@Bean
	SeedDirectory seedDirectory(ManagerClient manager, NodeProperties node, SchedulerProperties properties,
			SchedulerMetrics metrics, Clock clock, BackgroundWork background) {
		return new SeedDirectory(manager, node, properties, metrics, clock, background);
	}

	@Bean
	NodeEventSubscriber nodeEventSubscriber(LettuceConnectionFactory factory, SeedDirectory directory,
			NodeProperties node, JsonMapper json, BackgroundWork background) {
		return new NodeEventSubscriber(factory, directory, node.clusterId(), json, background);
	}

	@Bean
	SeedTrigger seedTrigger(SeedDirectory directory, SeedClient client, HostRepository hosts,
			TaskStateRepository tasks, HostEjectionPolicy policy, CircuitBreakerRegistry breakers,
			SchedulerProperties properties) {
		return new SeedTrigger(directory, client, hosts, tasks, policy, breakers,
				properties.seedTriggerRetries());
	}

	@Bean
	RelaxationLadder relaxationLadder(Scheduler scheduler, HostRepository hosts, SeedTrigger seeds, Clock clock) {
		return new RelaxationLadder(scheduler, new BreakerGate(hosts, clock), seeds);
	}

	@Bean
	DecisionObserver decisionObserver(SchedulerMetrics metrics, BreakerWatch breakers, InstanceId instance) {
		return new DecisionObserver(metrics, breakers, instance);
	}

	@Bean
	SchedulingService schedulingService(TaskStateRepository tasks, HostRepository hosts, HostEjectionPolicy policy,
			RelaxationLadder ladder, DecisionObserver observer, ClusterConfigSource configs, JsonMapper json,
			SchedulerProperties properties, Clock clock) {
		return new SchedulingService(tasks, hosts, policy, ladder, observer, configs, json, properties, clock);
	}

	@Bean
	PeerReportService peerReportService(TaskStateRepository tasks, HostRepository hosts, ClusterConfigSource configs,
			SchedulerMetrics metrics, BreakerWatch breakers, Clock clock) {
		return new PeerReportService(tasks, hosts, configs, metrics, breakers, clock);
	}

	@Bean
	TaskQueries taskQueries(TaskStateRepository tasks, JsonMapper json) {
		return new TaskQueries(tasks, json);
	}

}
