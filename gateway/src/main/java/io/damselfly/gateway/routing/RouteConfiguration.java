package io.damselfly.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import io.damselfly.gateway.DamselflyGatewayProperties;
import io.damselfly.gateway.discovery.ManagerInstances;
import io.damselfly.gateway.discovery.SchedulerDirectory;
import io.damselfly.gateway.error.RouteFailureFilter;
import io.damselfly.gateway.ratelimit.RateLimitConfiguration.RateLimits;
import io.damselfly.gateway.ratelimit.RateLimitFilter;
import io.damselfly.gateway.resilience.ResilienceConfiguration;
import io.damselfly.gateway.resilience.RouteBreakerFilter;
import io.damselfly.gateway.resilience.RouteRetryFilter;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.tls.ClusterHttpClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's two routes, each guarded the same way, outermost first:
 * <ol>
 * <li>{@link RouteFailureFilter}: failures become problems that name the upstream;</li>
 * <li>{@link RateLimitFilter} (unless {@code damselfly.gateway.rate-limit.enabled=false}): a caller over its
 * rate gets a 429 problem before the call costs anything else, and never counts against the breaker;</li>
 * <li>(schedulers only) {@link ActiveSchedulerGuard}: 503 at once when no scheduler is active;</li>
 * <li>{@link RouteBreakerFilter}: the route's breaker ({@code route:manager}, {@code route:schedulers})
 * and the bound on the whole call;</li>
 * <li>{@link RouteRetryFilter}: idempotent methods are retried after a 5xx, an I/O error or an attempt
 * timeout, other methods only when the connection could not be made.</li>
 * </ol>
 * Each attempt is bounded by the route's {@code attempt-timeout}; on the scheduler route a retry goes
 * to a scheduler not tried yet ({@code RetryAwareRoundRobinLoadBalancer}).
 */
@Configuration(proxyBeanMethods = false)
public class RouteConfiguration {

	/** Route id of the manager route. */
	public static final String MANAGER_ROUTE = "manager";

	/** Route id of the scheduler route. */
	public static final String SCHEDULER_ROUTE = "schedulers";

	@Bean
	RouteLocator damselflyRoutes(RouteLocatorBuilder builder, DamselflyGatewayProperties properties,
			ManagerProperties manager, SchedulerDirectory directory, CircuitBreakerRegistry routeBreakerRegistry,
			RetryGatewayFilterFactory retry, RateLimits rateLimits) {
		int connectMillis = (int) Math.min(Integer.MAX_VALUE, properties.connectTimeout().toMillis());
		DamselflyGatewayProperties.Route managerRoute = properties.routes().manager();
		DamselflyGatewayProperties.Route schedulerRoute = properties.routes().schedulers();
		List<GatewayFilter> managerFilters = new ArrayList<>();
		managerFilters.add(new RouteFailureFilter(MANAGER_ROUTE));
		rateLimits.forRoute(MANAGER_ROUTE).ifPresent(managerFilters::add);
		managerFilters.addAll(resilience(MANAGER_ROUTE, managerRoute, routeBreakerRegistry, retry));
		List<GatewayFilter> schedulerFilters = new ArrayList<>();
		schedulerFilters.add(new RouteFailureFilter(SCHEDULER_ROUTE));
		rateLimits.forRoute(SCHEDULER_ROUTE).ifPresent(schedulerFilters::add);
		schedulerFilters.add(new ActiveSchedulerGuard(directory));
		schedulerFilters.addAll(resilience(SCHEDULER_ROUTE, schedulerRoute, routeBreakerRegistry, retry));
		return builder.routes()
			.route(MANAGER_ROUTE, (r) -> r.path("/api/v1/nodes", "/api/v1/nodes/**", "/api/v1/clusters/**")
				.filters((f) -> ordered(f, managerFilters))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, managerRoute.attemptTimeout().toMillis())
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectMillis)
				.uri("lb://" + ManagerInstances.SERVICE_ID))
			.route(SCHEDULER_ROUTE, (r) -> r.path("/api/v1/tasks/**", "/api/v1/peers/**", "/api/v1/hosts/**")
				.filters((f) -> ordered(f, schedulerFilters))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, schedulerRoute.attemptTimeout().toMillis())
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectMillis)
				.uri("lb://" + SchedulerDirectory.SERVICE_ID))
			.build();
	}

	/**
	 * The routes' calls to managers and schedulers trust the cluster's certificate authorities
	 * ({@code damselfly.tls.trust-bundle}), as every node's calls to other nodes do.
	 */
	@Bean
	HttpClientCustomizer clusterTrust(ClusterHttpClients http) {
		return http::secure;
	}

	private static List<GatewayFilter> resilience(String routeId, DamselflyGatewayProperties.Route route,
			CircuitBreakerRegistry breakers, RetryGatewayFilterFactory retry) {
		List<GatewayFilter> filters = new ArrayList<>();
		filters.add(new RouteBreakerFilter(breakers.circuitBreaker(ResilienceConfiguration.breakerName(routeId)),
				route.timeout()));
		if (route.retries() > 0) {
			filters.add(RouteRetryFilter.of(routeId, route, retry));
		}
		return filters;
	}

	/**
	 * Adds the filters with explicit orders 1, 2, ...: they run in list order, inside Gateway's response
	 * writer (order -1) and before its URL and load-balancer filters (10000 and up).
	 */
	private static GatewayFilterSpec ordered(GatewayFilterSpec spec, List<GatewayFilter> filters) {
		for (int i = 0; i < filters.size(); i++) {
			spec.filter(filters.get(i), i + 1);
		}
		return spec;
	}

}
