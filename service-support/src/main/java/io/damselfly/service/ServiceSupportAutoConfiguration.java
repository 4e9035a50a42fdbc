package io.damselfly.service;

import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeProperties;
import io.damselfly.service.manager.NodeRegistrar;
import io.damselfly.service.web.ProblemDetailsAdvice;
import io.damselfly.service.web.RedisUnavailableAdvice;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives every Damselfly service the problem-detail advice, a {@link ManagerClient}, and, when
 * {@code damselfly.node.register=true}, a {@link NodeRegistrar}.
 */
@AutoConfiguration
@EnableConfigurationProperties({ ManagerProperties.class, NodeProperties.class })
public class ServiceSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = { "io.lettuce.core.RedisConnectionException", "org.springframework.dao.QueryTimeoutException" })
	RedisUnavailableAdvice redisUnavailableAdvice() {
		return new RedisUnavailableAdvice();
	}

	@Bean
	@ConditionalOnMissingBean
	ManagerClient managerClient(ManagerProperties properties) {
		return new ManagerClient(properties);
	}

	@Bean
	@ConditionalOnProperty(name = "damselfly.node.register", havingValue = "true")
	NodeRegistrar nodeRegistrar(ManagerClient managerClient, NodeProperties properties) {
		return new NodeRegistrar(managerClient, properties);
	}

}
