package io.damselfly.service.web;

import io.damselfly.common.error.ProblemTypes;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns an unreachable or timing-out Redis into a 503 problem rather than a bare 500, for the
 * services whose state lives in Redis (manager, schedulers). The reactive template passes some
 * Lettuce exceptions through untranslated, so both families are named. Fail-closed on purpose: these
 * services have no state outside Redis, so guessing an answer would be worse than a clear 503 the
 * caller can retry elsewhere.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 20)
public class RedisUnavailableAdvice {

	private static final Logger logger = LoggerFactory.getLogger(RedisUnavailableAdvice.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class, RedisException.class })
	ResponseEntity<ProblemDetail> redisUnavailable(RuntimeException ex) {
		if (ex instanceof RedisCommandExecutionException) {
			// Redis answered with an error (e.g. a script bug): that is ours to fix, not an outage to retry.
			logger.error("Redis command failed", ex);
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"a Redis command failed: " + ex.getMessage());
			body.setType(ProblemTypes.UPSTREAM_ERROR);
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
		}
		logger.warn("Redis unavailable: {}", ex.getMessage());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"state storage (Redis) is unavailable: " + ex.getMessage());
		body.setType(ProblemTypes.UNAVAILABLE);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

}
