package io.damselfly.manager.config;

import java.time.Clock;

import io.damselfly.manager.cluster.store.ClusterConfigRepository;
import io.damselfly.manager.registry.RegistryProperties;
import io.damselfly.manager.cluster.store.RedisClusterConfigRepository;
import io.damselfly.manager.registry.NodeRegistry;
import io.damselfly.manager.registry.store.NodeRepository;
import io.damselfly.manager.registry.store.RedisNodeRepository;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Wires the registry and the cluster config to their Redis stores.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
public class ManagerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	NodeRepository nodeRepository(ReactiveStringRedisTemplate redis, RegistryProperties properties) {
		return new RedisNodeRepository(redis, properties.recordTtl());
	}

	@Bean
	NodeRegistry nodeRegistry(NodeRepository nodes, Clock clock, RegistryProperties properties) {
		return new NodeRegistry(nodes, clock, properties.keepaliveTtl());
	}

	@Bean
	ClusterConfigRepository clusterConfigRepository(ReactiveStringRedisTemplate redis, JsonMapper json) {
		return new RedisClusterConfigRepository(redis, json);
	}

}
