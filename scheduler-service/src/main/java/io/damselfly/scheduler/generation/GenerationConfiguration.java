package io.damselfly.scheduler.generation;

import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.state.RedisLink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the URL generations feature. */
@Configuration(proxyBeanMethods = false)
public class GenerationConfiguration {

	@Bean
	Generations generations(RedisLink redis, ClusterConfigSource configs) {
		return new Generations(new RedisGenerationRepository(redis), configs);
	}

}
