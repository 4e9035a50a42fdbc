package io.damselfly.peer.download;

import java.time.Duration;

/**
 * How a round of fetching from the parents of one decision ended.
 *
 * @param complete every piece is held
 * @param reason why to ask the scheduler again (when not complete)
 * @param delay how long to wait before asking
 */
record RoundOutcome(boolean complete, String reason, Duration delay) {

	static RoundOutcome done() {
		return new RoundOutcome(true, "complete", Duration.ZERO);
	}

	static RoundOutcome reschedule(String reason, Duration delay) {
		return new RoundOutcome(false, reason, delay);
	}

}
