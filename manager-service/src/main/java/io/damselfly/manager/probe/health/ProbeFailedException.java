package io.damselfly.manager.probe.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * A probe that failed: the node answered not ready, too slowly, or not at all. The message is the reason
 * shown for the node when its breaker ejects it, e.g. {@code diskSpace: used 91% > 85%} or
 * {@code probe failed: connection refused}.
 */
public class ProbeFailedException extends RuntimeException {

	private static final CompletionStage<Boolean> NO_LATE_ANSWER = CompletableFuture.completedStage(false);

	private final transient CompletionStage<Boolean> lateAnswer;

	public ProbeFailedException(String reason) {
		this(reason, null);
	}

	public ProbeFailedException(String reason, @Nullable Throwable cause) {
		this(reason, cause, NO_LATE_ANSWER);
	}

	/**
	 * @param lateAnswer for a probe that timed out: completes with whether the node still answered ready
	 * after the timeout (within one more probe interval)
	 */
	public ProbeFailedException(String reason, @Nullable Throwable cause, CompletionStage<Boolean> lateAnswer) {
		// No stack trace: a failed probe is an expected outcome, recorded every interval while a node is sick.
		super(reason, cause, false, false);
		this.lateAnswer = lateAnswer;
	}

	/** Whether the node answered ready after all, once the probe had timed out; false for other failures. */
	public CompletionStage<Boolean> lateAnswer() {
		return lateAnswer;
	}

	/** The node did not answer within the probe timeout (it may be busy, or hung). */
	public boolean timedOut() {
		for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof java.util.concurrent.TimeoutException
					|| cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** Why the node failed its probe. */
	public String reason() {
		String message = getMessage();
		return (message != null) ? message : "probe failed";
	}

}
