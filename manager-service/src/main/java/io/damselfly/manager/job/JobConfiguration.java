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
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires preheat jobs: their Redis store, the clients a run calls, the runner and the service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
public class JobConfiguration {

	/** Each call a job makes (a manifest, a download start or status, a host list) is bounded by this. */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	JobRepository jobRepository(ReactiveStringRedisTemplate redis, JsonMapper json) {
		return new RedisJobRepository(redis, json);
	}

	@Bean
	JobRunner jobRunner(JobRepository jobs, NodeRegistry nodes, WebClient.Builder builder, JsonMapper json,
			JobProperties properties, Clock clock, BearerTokenFilter credentials) {
		WebClient web = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000)
				.responseTimeout(CALL_TIMEOUT)))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		// The manager's own token goes to seeds, peers and schedulers only; never to a registry.
		WebClient inside = web.mutate().filter(credentials).build();
		PreheatExecution.Deps deps = new PreheatExecution.Deps(nodes, new RegistryClient(web, json, CALL_TIMEOUT),
				new PeerClient(inside, CALL_TIMEOUT), new SchedulerHostsClient(inside, CALL_TIMEOUT), properties, clock);
		return new JobRunner(jobs, deps, properties);
	}

	@Bean
	JobService jobService(JobRepository jobs, JobRunner runner, JobProperties properties, Clock clock) {
		return new JobService(jobs, runner, properties, clock);
	}

}
