package io.damselfly.service;

import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.service.lifecycle.DroppedErrors;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeProperties;
import io.damselfly.service.manager.NodeRegistrar;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.service.tls.ServerScheme;
import io.damselfly.service.tls.TlsProperties;
import io.damselfly.service.web.ProblemDetailsAdvice;
import io.damselfly.service.web.RedisUnavailableAdvice;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives every Damselfly service the problem-detail advice, the {@link ClusterHttpClients} it calls other
 * nodes with, a {@link ManagerClient}, the {@link BackgroundWork} that owns fire-and-forget
 * subscriptions, the {@code application} tag on every meter, and a {@link NodeRegistrar} that registers
 * the node when {@code damselfly.node.register=true}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@EnableConfigurationProperties({ ManagerProperties.class, NodeProperties.class, TlsProperties.class })
public class ServiceSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	/**
	 * Tags every meter with {@code application=<spring.application.name>}, so one Prometheus query can
	 * tell the services apart (and sum one of them) whatever its scrape labels.
	 */
	@Bean
	MeterFilter damselflyApplicationTag(Environment environment) {
		return MeterFilter.commonTags(Tags.of("application",
				environment.getProperty("spring.application.name", "damselfly")));
	}

	/** Problem-detail answers documented on every operation of {@code /v3/api-docs}. */
	@Bean
	@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
	io.damselfly.service.openapi.ProblemDetailsOpenApi problemDetailsOpenApi() {
		return new io.damselfly.service.openapi.ProblemDetailsOpenApi();
	}

	@Bean
	@ConditionalOnMissingBean
	BackgroundWork backgroundWork() {
		return new BackgroundWork();
	}

	@Bean
	DroppedErrors droppedErrors() {
		return new DroppedErrors();
	}

	/**
	 * A trust bundle that is not defined stops the service (fail-closed): with the JDK's trust instead,
	 * every call to a node would fail later, far from the cause.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClusterHttpClients clusterHttpClients(TlsProperties properties, ObjectProvider<SslBundles> bundles) {
		String name = properties.trustBundle();
		if (name == null || name.isBlank()) {
			return ClusterHttpClients.jdkTrust();
		}
		try {
			return new ClusterHttpClients(bundles.getObject().getBundle(name));
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("damselfly.tls.trust-bundle names the SSL bundle '" + name
					+ "', which no spring.ssl.bundle.* defines", ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	ManagerClient managerClient(WebClient.Builder webClientBuilder, ManagerProperties properties,
			ObjectProvider<BearerTokenFilter> credentials, ClusterHttpClients http) {
		// This service's own token on every manager call, when security is configured (it always is in a service).
		BearerTokenFilter filter = credentials.getIfAvailable(() -> new BearerTokenFilter(Mono::empty));
		return new ManagerClient(webClientBuilder.clone().filter(filter), http.create(), properties);
	}

	/**
	 * Always a bean, idle unless {@code damselfly.node.register=true}: decided when the web server starts,
	 * not by a bean condition, because nodes run from ahead-of-time processed bean definitions (fixed at
	 * build time), and a seed turns registration on from its mode at run time.
	 */
	@Bean
	NodeRegistrar nodeRegistrar(ManagerClient managerClient, NodeProperties properties, Environment environment) {
		return new NodeRegistrar(managerClient, properties, ServerScheme.of(environment));
	}

	/**
	 * Only for the services whose state lives in Redis; a nested class so that services without Redis
	 * on the classpath never load these types.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.lettuce.core.ClientOptions",
			"org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer" })
	static class RedisSupport {

		@Bean
		@ConditionalOnMissingBean
		RedisUnavailableAdvice redisUnavailableAdvice() {
			return new RedisUnavailableAdvice();
		}

		/**
		 * Redis commands fail at once while the connection is down instead of queueing until their
		 * timeout: readiness turns DOWN as soon as Redis is gone, and callers get a quick 503 they can
		 * retry rather than a stalled request. Lettuce keeps reconnecting in the background.
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
			return (options) -> options.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
