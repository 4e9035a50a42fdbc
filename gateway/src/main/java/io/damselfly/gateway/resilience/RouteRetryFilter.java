package io.damselfly.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;

import io.damselfly.gateway.DamselflyGatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gateway's Retry filter, configured by how safe it is to send a request twice:
 * <ul>
 * <li>idempotent methods (GET, HEAD, PUT, DELETE) are retried after a 5xx answer, an I/O error or an
 * attempt timeout;</li>
 * <li>other methods only when the connection could not be made: the request never left the gateway, so
 * it cannot have been applied.</li>
 * </ul>
 * Each exchange goes through exactly one of the two Retry filters, because they would share (and
 * double-count) the exchange's retry-iteration attribute. On the scheduler route the load balancer
 * sends each retry to a scheduler not tried yet.
 */
public class RouteRetryFilter implements GatewayFilter {

	/** Methods RFC 9110 defines as idempotent (among those the routes serve). */
	static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE);

	private final GatewayFilter idempotent;

	private final GatewayFilter unsent;

	private final int retries;

	RouteRetryFilter(GatewayFilter idempotent, GatewayFilter unsent, int retries) {
		this.idempotent = idempotent;
		this.unsent = unsent;
		this.retries = retries;
	}

	/**
	 * Builds the retry filter of a route.
	 * @param routeId the route, whose request bodies Gateway then caches so a retry can resend them
	 * @param route the route's settings; {@code retries} must be at least 1
	 */
	public static RouteRetryFilter of(String routeId, DamselflyGatewayProperties.Route route,
			RetryGatewayFilterFactory factory) {
		GatewayFilter idempotent = factory.apply(routeId, (c) -> c.setRetries(route.retries())
			.setMethods(IDEMPOTENT.toArray(HttpMethod[]::new))
			.setSeries(HttpStatus.Series.SERVER_ERROR)
			.setExceptions(IOException.class, TimeoutException.class)
			.setBackoff(route.retryBackoff(), route.retryBackoff().multipliedBy(8), 2, false));
		GatewayFilter unsent = factory.apply(routeId, (c) -> c.setRetries(route.retries())
			.setMethods(HttpMethod.values())
			.setSeries()
			.setExceptions(ConnectException.class)
			.setBackoff(route.retryBackoff(), route.retryBackoff().multipliedBy(8), 2, false));
		return new RouteRetryFilter(idempotent, unsent, route.retries());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return IDEMPOTENT.contains(exchange.getRequest().getMethod()) ? idempotent.filter(exchange, chain)
				: unsent.filter(exchange, chain);
	}

	@Override
	public String toString() {
		return "RouteRetryFilter[retries=" + retries + ", idempotent: 5xx, I/O error, timeout; others: connect failure]";
	}

}
