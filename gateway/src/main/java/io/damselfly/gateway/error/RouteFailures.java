package io.damselfly.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.service.web.ApiException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns the ways a routed call can fail into {@link ApiException}s that say which upstream failed and
 * how, so the shared problem-details advice renders them as RFC 9457 bodies:
 * <ul>
 * <li>an open route breaker → 503 {@code unavailable};</li>
 * <li>the route timeout, or an attempt timeout on the last attempt → 504 {@code timeout};</li>
 * <li>an upstream that refuses connections → 503 {@code unavailable};</li>
 * <li>an upstream that breaks the exchange (reset, premature close) → 502 {@code upstream-error}.</li>
 * </ul>
 * Anything else is returned unchanged: an {@code ApiException} already says what it means, and an
 * unexpected error must reach the error handler as the bug it is. An upstream's own error answer is
 * not an exception and passes through untouched.
 */
public final class RouteFailures {

	private RouteFailures() {
	}

	/**
	 * @param target the upstream the call was for, e.g. {@code manager at http://127.0.0.1:8081}
	 * @param error what the call failed with
	 * @return the error to propagate
	 */
	public static Throwable translate(String target, Throwable error) {
		if (error instanceof ApiException) {
			return error;
		}
		if (error instanceof CallNotPermittedException open) {
			return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, open.getMessage()
					+ ": too many recent calls to " + target + " failed; retry in a few seconds");
		}
		if (error instanceof TimeoutException timeout) {
			return new ApiException(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.TIMEOUT,
					target + " did not answer in time: " + timeout.getMessage());
		}
		if (error instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
			return new ApiException(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.TIMEOUT,
					target + " did not answer in time: " + status.getReason());
		}
		ConnectException refused = findCause(error, ConnectException.class);
		if (refused != null) {
			return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE,
					"cannot connect to " + target + ": " + refused.getMessage());
		}
		IOException broken = findCause(error, IOException.class);
		if (broken != null) {
			return new ApiException(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_ERROR,
					target + " broke off the exchange: " + broken);
		}
		return error;
	}

	/**
	 * Names an upstream for a problem detail: the route, and the instance's address once one was chosen.
	 * @param routeId the route id
	 * @param requestUrl the URL the last attempt went to, or still {@code lb://...} when none was chosen
	 */
	public static String target(String routeId, @Nullable URI requestUrl) {
		if (requestUrl != null && requestUrl.getAuthority() != null && !"lb".equals(requestUrl.getScheme())) {
			return routeId + " at " + requestUrl.getScheme() + "://" + requestUrl.getAuthority();
		}
		return routeId;
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
