package io.damselfly.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Guards one route with its circuit breaker and bounds the whole call, retries included, by the route
 * timeout. It sits outside the Retry filter, so the breaker judges what the caller got: a call that
 * succeeded on its second scheduler is a success. A 5xx answer counts as a failure
 * ({@link #isFailedResponse}) yet still reaches the caller unchanged.
 * <p>
 * An open breaker fails with {@code CallNotPermittedException} and the timeout with
 * {@link TimeoutException}; {@code RouteFailures} turns them into 503 and 504 problems.
 */
public class RouteBreakerFilter implements GatewayFilter {

	private final CircuitBreaker breaker;

	private final Duration timeout;

	public RouteBreakerFilter(CircuitBreaker breaker, Duration timeout) {
		this.breaker = breaker;
		this.timeout = timeout;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange)
			.timeout(timeout, Mono.error(() -> new TimeoutException(
					"the route timeout of " + timeout.toMillis() + " ms has passed")))
			// The chain completes once the upstream's status and headers are in, before the body is written.
			.then(Mono.fromSupplier(() -> exchange.getResponse().getStatusCode()))
			.transformDeferred(CircuitBreakerOperator.of(breaker))
			.then();
	}

	/** The breaker's result predicate: an upstream 5xx is a failed call. */
	public static boolean isFailedResponse(Object result) {
		return result instanceof HttpStatusCode status && status.is5xxServerError();
	}

	@Override
	public String toString() {
		return "RouteBreakerFilter[" + breaker.getName() + ", timeout=" + timeout + "]";
	}

}
