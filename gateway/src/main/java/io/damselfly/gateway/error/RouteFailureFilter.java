package io.damselfly.gateway.error;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Outermost filter of every route: maps whatever the call failed with through {@link RouteFailures},
 * once the breaker has recorded the original error and the retries are spent.
 */
public class RouteFailureFilter implements GatewayFilter {

	private final String routeId;

	public RouteFailureFilter(String routeId) {
		this.routeId = routeId;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorMap((error) -> {
			URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
			return RouteFailures.translate(RouteFailures.target(routeId, url), error);
		});
	}

	@Override
	public String toString() {
		return "RouteFailureFilter[" + routeId + "]";
	}

}
