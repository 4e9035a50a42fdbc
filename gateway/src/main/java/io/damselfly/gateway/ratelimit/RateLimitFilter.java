package io.damselfly.gateway.ratelimit;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RequestRateLimiterGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * One route's rate limit: Spring Cloud Gateway's {@code RequestRateLimiter} filter decides and adds its
 * {@code X-RateLimit-*} headers, and a refusal becomes a 429 problem like every other error of the gateway
 * (with {@code Retry-After}) instead of the empty 429 that filter writes.
 * <p>
 * The {@code RequestRateLimiter} filter refuses by completing the response with its status set; it sees
 * here a response whose completion with 429 raises an {@link ApiException} instead. That response is the
 * limiter's alone: an allowed call continues down the chain with the exchange it came with.
 */
public class RateLimitFilter implements GatewayFilter {

	private final String routeId;

	private final GatewayFilter limiter;

	private final RateLimitProperties properties;

	/**
	 * @param routeId the route, which is also the bucket's namespace: a caller has one bucket per route
	 * @param factory Spring Cloud Gateway's filter factory, with the rate limiter and key resolver as defaults
	 * @param properties the limits, for the problem's detail and {@code Retry-After}
	 */
	public RateLimitFilter(String routeId, RequestRateLimiterGatewayFilterFactory factory,
			RateLimitProperties properties) {
		this.routeId = routeId;
		this.properties = properties;
		RequestRateLimiterGatewayFilterFactory.Config config = new RequestRateLimiterGatewayFilterFactory.Config()
			.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		config.setRouteId(routeId);
		this.limiter = factory.apply(config);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerWebExchange watched = exchange.mutate().response(new RefusalAsProblem(exchange)).build();
		return limiter.filter(watched, (allowed) -> chain.filter(exchange));
	}

	/**
	 * The detail of a 429, e.g. {@code caller admin:ops sent more calls to the manager route than its limit of
	 * 100 a second (bursts up to 200); retry after 1 s}.
	 */
	String detail(String key) {
		return RateLimitKeys.describe(key) + " sent more calls to the " + routeId + " route than its limit of "
				+ properties.replenishRate() + " a second (bursts up to " + properties.burstCapacity()
				+ "); retry after " + properties.retryAfterSeconds() + " s";
	}

	@Override
	public String toString() {
		return "RateLimitFilter[" + routeId + ": " + properties.replenishRate() + "/s, burst "
				+ properties.burstCapacity() + "]";
	}

	private final class RefusalAsProblem extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		RefusalAsProblem(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> setComplete() {
			ServerHttpResponse response = getDelegate();
			if (response.getStatusCode() == null || response.getStatusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()) {
				return super.setComplete();
			}
			String key = exchange.getAttributeOrDefault(CallerKeyResolver.KEY_ATTRIBUTE, "the caller");
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfterSeconds()));
			return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS,
					detail(key)));
		}

	}

}
