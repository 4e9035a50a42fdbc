package io.damselfly.service.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.error.ProblemTypes;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure a handler can meet to an RFC 9457 problem detail. Bad input is a 400 that names
 * what is wrong, never a 500; an open breaker is a 503 and a timeout a 504, never a hang.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ProblemDetailsAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		return problem(ex.status(), ex.type(), ex.getMessage(), null);
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException ex) {
		List<String> errors = ex.getBindingResult().getAllErrors().stream().map(ProblemDetailsAdvice::describe)
			.sorted().toList();
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, String.join("; ", errors), errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex) {
		List<String> errors = ex.getAllErrors().stream().map((e) -> e.getDefaultMessage())
			.map(String::valueOf).sorted().toList();
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, String.join("; ", errors), errors);
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, describeInput(ex), null);
	}

	/**
	 * A body Jackson cannot read, wherever it sits in the cause chain: the detail names the JSON
	 * property at fault, e.g. {@code malformed request body: port: Cannot map `null` into type `int`}.
	 */
	@ExceptionHandler(JacksonException.class)
	ResponseEntity<ProblemDetail> unreadableJson(JacksonException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, describeJson(ex), null);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, ex.getMessage(), null);
	}

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<ProblemDetail> status(ResponseStatusException ex) {
		HttpStatusCode code = ex.getStatusCode();
		URI type = switch (code.value()) {
			case 404 -> ProblemTypes.NOT_FOUND;
			case 409 -> ProblemTypes.CONFLICT;
			case 503 -> ProblemTypes.UNAVAILABLE;
			case 504 -> ProblemTypes.TIMEOUT;
			default -> code.is4xxClientError() ? ProblemTypes.INVALID_REQUEST : ProblemTypes.UPSTREAM_ERROR;
		};
		String detail = (ex.getReason() != null) ? ex.getReason() : code.toString();
		return problem(code, type, detail, null);
	}

	@ExceptionHandler(CallNotPermittedException.class)
	ResponseEntity<ProblemDetail> breakerOpen(CallNotPermittedException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, ex.getMessage(), null);
	}

	@ExceptionHandler(TimeoutException.class)
	ResponseEntity<ProblemDetail> timeout(TimeoutException ex) {
		return problem(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.TIMEOUT,
				"an upstream did not answer in time: " + ex.getMessage(), null);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, URI type, String detail,
			List<String> errors) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setType(type);
		if (errors != null) {
			body.setProperty("errors", errors);
		}
		if (status.is5xxServerError()) {
			logger.warn("{} {}", status.value(), detail);
		}
		return ResponseEntity.status(status).body(body);
	}

	private static String describe(org.springframework.validation.ObjectError error) {
		if (error instanceof FieldError field) {
			String message = field.getDefaultMessage();
			if (field.isBindingFailure()) {
				return field.getField() + ": invalid value '" + field.getRejectedValue() + "'";
			}
			return (message != null && message.startsWith(firstSegment(field.getField()))) ? message
					: field.getField() + ": " + message;
		}
		return String.valueOf(error.getDefaultMessage());
	}

	private static String firstSegment(String field) {
		int dot = field.indexOf('.');
		int bracket = field.indexOf('[');
		int end = field.length();
		if (dot >= 0) {
			end = Math.min(end, dot);
		}
		if (bracket >= 0) {
			end = Math.min(end, bracket);
		}
		return field.substring(0, end);
	}

	private static String describeInput(ServerWebInputException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof DecodingException decoding) {
			if (decoding.getMostSpecificCause() instanceof JacksonException json) {
				return describeJson(json);
			}
			Throwable root = decoding.getMostSpecificCause();
			String message = (root != null && root.getMessage() != null) ? root.getMessage() : decoding.getMessage();
			return "malformed request body: " + firstLine(message);
		}
		if (cause instanceof TypeMismatchException mismatch) {
			// Not Spring's bare "Type mismatch.": which parameter, what it got and what it takes.
			MethodParameter parameter = ex.getMethodParameter();
			String name = (parameter != null && parameter.getParameterName() != null) ? parameter.getParameterName()
					: mismatch.getPropertyName();
			Class<?> type = mismatch.getRequiredType();
			return "parameter " + name + ": '" + firstLine(String.valueOf(mismatch.getValue())) + "' is not a "
					+ ((type != null) ? type.getSimpleName() : "valid value");
		}
		String reason = ex.getReason();
		return (reason != null) ? reason : "malformed request";
	}

	static String describeJson(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		String message = firstLine(ex.getOriginalMessage());
		return "malformed request body: " + (path.isEmpty() ? message : path + ": " + message);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		return (line.length() > 300) ? line.substring(0, 297) + "..." : line;
	}

}
