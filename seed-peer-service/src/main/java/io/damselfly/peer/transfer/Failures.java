package io.damselfly.peer.transfer;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.peer.FailureKind;
import io.damselfly.peer.storage.PieceVerificationException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** Classifies a failed piece fetch for the scheduler's report. */
public final class Failures {

	private Failures() {
	}

	public static FailureKind kind(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return FailureKind.TIMEOUT;
		}
		if (ex instanceof PieceVerificationException verification) {
			return verification.digestMismatch() ? FailureKind.DIGEST_MISMATCH : FailureKind.IO_ERROR;
		}
		if (ex instanceof CallNotPermittedException || ex instanceof WebClientResponseException
				|| ex instanceof ConnectException
				|| (ex instanceof WebClientRequestException && ex.getCause() instanceof ConnectException)) {
			return FailureKind.REFUSED;
		}
		return FailureKind.IO_ERROR;
	}

	/** Short text for logs and reasons. */
	public static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
