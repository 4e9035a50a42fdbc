package io.damselfly.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.damselfly.service.lifecycle.BackgroundWork;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RequestRateLimiterGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Wires the rate limiter: {@link FailOpenRedisRateLimiter} and {@link CallerKeyResolver} become Spring Cloud
 * Gateway's default rate limiter and key resolver (its own Redis limiter and principal-name resolver back
 * off), so its {@code RequestRateLimiter} filter factory uses them; {@link RateLimits} hands each route its
 * filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(FailOpenReport.class);

	/** Calls let through unchecked while Redis does not answer, as {@code damselfly_gateway_rate_limit_unchecked_total}. */
	public static final String UNCHECKED_METER = "damselfly.gateway.rate.limit.unchecked";

	@Bean
	FailOpenReport rateLimitFailOpenReport(MeterRegistry meters) {
		FailOpenReport report = new FailOpenReport(Duration.ofSeconds(30), System::nanoTime);
		FunctionCounter.builder(UNCHECKED_METER, report, FailOpenReport::total)
			.description("calls the rate limiter let through unchecked because Redis did not answer in time")
			.register(meters);
		return report;
	}

	@Bean
	RedisRateLimiter damselflyRateLimiter(RateLimitProperties properties, FailOpenReport report) {
		return new FailOpenRedisRateLimiter(properties, report);
	}

	/**
	 * Opens the Redis connection once the gateway is up, off the event loop, so the first caller does not pay
	 * for it (or, if it took longer than the limiter's timeout, pass unchecked); says so when Redis is not there.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> rateLimitRedisWarmUp(RateLimitProperties properties,
			ReactiveStringRedisTemplate redis, BackgroundWork background) {
		return (event) -> {
			if (properties.enabled()) {
				background.run("rate limiter warm-up",
						redis.execute((connection) -> connection.ping()).subscribeOn(Schedulers.boundedElastic()),
						(error) -> logger.warn("Redis cannot be reached yet ({}): the rate limiter lets calls through"
								+ " unchecked until it answers", error.toString()));
			}
		};
	}

	@Bean
	KeyResolver callerKeyResolver() {
		return new CallerKeyResolver();
	}

	@Bean
	RateLimits rateLimits(RateLimitProperties properties, RequestRateLimiterGatewayFilterFactory factory) {
		return (routeId) -> properties.enabled() ? Optional.of(new RateLimitFilter(routeId, factory, properties))
				: Optional.empty();
	}

	/** The rate limit filter of a route, or none when rate limiting is off. */
	@FunctionalInterface
	public interface RateLimits {

		Optional<GatewayFilter> forRoute(String routeId);

	}

}
