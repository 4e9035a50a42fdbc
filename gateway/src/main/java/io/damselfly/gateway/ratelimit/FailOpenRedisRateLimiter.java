package io.damselfly.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket per key, kept in Redis and updated by one
 * Lua script, so every gateway replica shares it) with the limits of {@link RateLimitProperties}, made to
 * fail open within a bound and to say so once in a while instead of on every call.
 * <p>
 * {@code RedisRateLimiter} already lets a call through when Redis answers with an error (reporting
 * {@code -1} tokens left), but it logs an ERROR with a stack trace per call (its logger, named after this
 * class, is turned off in application.yml), and it opens the Redis connection on the calling thread,
 * blocking, the first time and while Redis has never been reached. Here the decision runs off the event
 * loop, and one that takes longer than {@link RateLimitProperties#timeout()} lets the call through too,
 * without cancelling the attempt, so a slow first connection still completes for the calls after it. Every
 * call let through unchecked goes to a {@link FailOpenReport}, which decides when to log a WARN.
 */
public class FailOpenRedisRateLimiter extends RedisRateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(FailOpenReport.class);

	/** What {@code RedisRateLimiter} reports as the tokens left when it could not ask Redis. */
	private static final long UNCHECKED = -1L;

	private final Config limits;

	private final Duration timeout;

	private final FailOpenReport report;

	public FailOpenRedisRateLimiter(RateLimitProperties properties, FailOpenReport report) {
		super(properties.replenishRate(), properties.burstCapacity(), properties.requestedTokens());
		this.limits = new Config().setReplenishRate(properties.replenishRate())
			.setBurstCapacity(properties.burstCapacity()).setRequestedTokens(properties.requestedTokens());
		this.timeout = properties.timeout();
		this.report = report;
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return Mono.defer(() -> {
			// Not cancelled by the timeout: cancelling would interrupt a connection being opened.
			CompletableFuture<Response> decision = Mono.defer(() -> super.isAllowed(routeId, id))
				.subscribeOn(Schedulers.boundedElastic())
				.toFuture();
			return Mono.fromFuture(decision, true);
		})
			.timeout(timeout, Mono.fromSupplier(() -> new Response(true, getHeaders(limits, UNCHECKED))))
			.doOnNext(this::report);
	}

	/**
	 * Always true: the {@code X-RateLimit-*} headers tell a client its budget, and {@code X-RateLimit-Remaining:
	 * -1} tells it, and {@link #report}, that the call went unchecked. Spring Cloud Gateway's
	 * {@code include-headers} setting is ignored.
	 */
	@Override
	public boolean isIncludeHeaders() {
		return true;
	}

	private void report(Response response) {
		if (String.valueOf(UNCHECKED).equals(response.getHeaders().get(getRemainingHeader()))) {
			long unchecked = report.uncheckedCall();
			if (unchecked > 0) {
				logger.warn("Rate limiting is off while Redis does not answer (fail open): {} call(s) let through"
						+ " unchecked since the last report; the Redis client's log says why", unchecked);
			}
		}
		else if (report.checkedCall()) {
			logger.info("Rate limiting is back: Redis answers again ({} call(s) were let through unchecked in all)",
					report.total());
		}
	}

}
