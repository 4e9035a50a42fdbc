package io.damselfly.peer.scheduler;

/**
 * No scheduler answered: none known, or every one failed, timed out or has an open breaker. Whether a
 * scheduler still answered anything lately (even a 503) tells a brief outage of the schedulers' Redis
 * (they are up, their state is failing over) from schedulers that are gone.
 */
public class SchedulerUnavailableException extends RuntimeException {

	private final boolean answering;

	public SchedulerUnavailableException(String message, Throwable cause, boolean answering) {
		super(message, cause);
		this.answering = answering;
	}

	public SchedulerUnavailableException(String message) {
		super(message);
		this.answering = false;
	}

	/** True when some scheduler answered HTTP lately (a 503 included): up, but unable to serve just now. */
	public boolean schedulersAnswering() {
		return answering;
	}

}
