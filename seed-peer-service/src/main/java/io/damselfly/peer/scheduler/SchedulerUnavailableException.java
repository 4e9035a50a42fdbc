package io.damselfly.peer.scheduler;

/** No scheduler answered: none known, or every one failed, timed out or has an open breaker. */
public class SchedulerUnavailableException extends RuntimeException {

	public SchedulerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public SchedulerUnavailableException(String message) {
		super(message);
	}

}
