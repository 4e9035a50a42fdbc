package io.damselfly.service.web;

import java.net.URI;

import io.damselfly.common.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * An error a handler raises on purpose, carrying the HTTP status and the problem type. The message is
 * the problem's {@code detail}, so it must say what is wrong in words a caller can act on.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final URI type;

	public ApiException(HttpStatus status, URI type, String detail) {
		super(detail);
		this.status = status;
		this.type = type;
	}

	public static ApiException badRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail);
	}

	public static ApiException unavailable(String detail) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, detail);
	}

	public static ApiException timeout(String detail) {
		return new ApiException(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.TIMEOUT, detail);
	}

	public static ApiException badGateway(String detail) {
		return new ApiException(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_ERROR, detail);
	}

	public HttpStatus status() {
		return status;
	}

	public URI type() {
		return type;
	}

}
