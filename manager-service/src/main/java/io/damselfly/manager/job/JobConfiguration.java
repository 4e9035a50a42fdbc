package io.damselfly.manager.job;

import java.time.Clock;
import java.time.Duration;

import io.damselfly.manager.job.image.RegistryClient;
import io.damselfly.manager.job.run.JobRunner;
import io.damselfly.manager.job.run.PeerClient;
import io.damselfly.manager.job.run.PreheatExecution;
import io.damselfly.manager.job.run.SchedulerHostsClient;
import io.damselfly.manager.job.store.JobRepository;
import io.damselfly.manager.job.store.RedisJobRepository;
import io.damselfly.manager.registry.NodeRegistry;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.service.web.WebClients;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires preheat jobs: their Redis store, the clients a run calls, the runner and the service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
public class JobConfiguration {

	/** Each call a job makes (a manifest, a download start or status, a host list) is bounded by this. */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	JobRepository jobRepository(ReactiveStringRedisTemplate redis, JsonMapper json) {
		return new RedisJobRepository(redis, json);
	}

	@Bean
	JobRunner jobRunner(JobRepository jobs, NodeRegistry nodes, WebClient.Builder builder, JsonMapper json,
			JobProperties properties, Clock clock, BearerTokenFilter credentials, ClusterHttpClients http) {
		// A registry is an origin: the JDK's trust and no token. Seeds, peers and schedulers are nodes: the
		// cluster's trust, and the manager's own token.
		WebClient registry = client(builder, HttpClient.create()).build();
		WebClient inside = client(builder, http.create()).filter(credentials).build();
		PreheatExecution.Deps deps = new PreheatExecution.Deps(nodes, new RegistryClient(registry, json, CALL_TIMEOUT),
				new PeerClient(inside, CALL_TIMEOUT), new SchedulerHostsClient(inside, CALL_TIMEOUT), properties, clock);
		return new JobRunner(jobs, deps, properties);
	}

	private static WebClient.Builder client(WebClient.Builder builder, HttpClient http) {
		return WebClients.withTimeouts(builder, http, CONNECT_TIMEOUT, CALL_TIMEOUT)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024));
	}

	@Bean
	JobService jobService(JobRepository jobs, JobRunner runner, JobProperties properties, Clock clock) {
		return new JobService(jobs, runner, properties, clock);
	}

}
