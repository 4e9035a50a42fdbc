package io.damselfly.gateway.routing;

import io.damselfly.gateway.discovery.SchedulerDirectory;
import io.damselfly.gateway.discovery.SchedulerView;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;

/**
 * First filter of the scheduler route: with no usable scheduler it fails the call at once with a 503
 * that says why (none listed, or the manager unreachable), instead of letting it reach the load balancer,
 * wait for a timeout, or count against the route's breaker.
 */
public class ActiveSchedulerGuard implements GatewayFilter {

	private final SchedulerDirectory directory;

	public ActiveSchedulerGuard(SchedulerDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		SchedulerView view = directory.view();
		if (!view.available()) {
			return Mono.error(ApiException.unavailable(String.valueOf(view.unavailableReason())));
		}
		return chain.filter(exchange);
	}

	@Override
	public String toString() {
		return "ActiveSchedulerGuard[cluster " + directory.clusterId() + "]";
	}

}
