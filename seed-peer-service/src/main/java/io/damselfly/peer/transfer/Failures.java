package io.damselfly.peer.transfer;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.damselfly.common.peer.FailureKind;
import io.damselfly.peer.storage.PieceVerificationException;
import io.damselfly.peer.storage.StorageException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.core.codec.CodecException;
import org.springframework.web.reactive.function.client.WebClientException;
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
				|| ex instanceof PieceRefusedException
				|| ex instanceof ConnectException
				|| (ex instanceof WebClientRequestException && ex.getCause() instanceof ConnectException)) {
			return FailureKind.REFUSED;
		}
		return FailureKind.IO_ERROR;
	}

	/**
	 * A failure of the parent, not of this daemon: it refused or timed out, its breaker is open, its bytes
	 * were wrong, or the connection to it broke. What a download drops the parent for.
	 */
	public static boolean isParentFailure(Throwable ex) {
		if (StorageException.isLocal(ex)) {
			return false;
		}
		return ex instanceof TimeoutException || ex instanceof PieceVerificationException
				|| ex instanceof CallNotPermittedException || ex instanceof WebClientException
				|| ex instanceof CodecException || ex instanceof IOException;
	}

	/**
	 * Short text for logs and reasons. A failed TLS handshake says so first, with its own message (such as
	 * a certificate no trusted authority signed), which the exceptions wrapping it would bury.
	 */
	public static String describe(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLHandshakeException) {
				return "TLS handshake failed: " + cause.getMessage();
			}
		}
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
