package io.damselfly.peer.health;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.peer.storage.WriteFailureListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the node DOWN the moment a write fails for lack of space (docs/architecture.md#failure-detection-and-ejection), without waiting for the
 * next probe. A later successful disk I/O probe clears it.
 */
public class WriteFailureLatch implements WriteFailureListener {

	private static final Logger logger = LoggerFactory.getLogger(WriteFailureLatch.class);

	private final AtomicReference<@Nullable String> reason = new AtomicReference<>();

	@Override
	public void onWriteFailure(IOException failure) {
		if (!WriteFailureListener.isNoSpace(failure)) {
			logger.warn("Storage write failed: {}", failure.toString());
			return;
		}
		String why = "write failed: " + failure.getMessage();
		if (reason.getAndSet(why) == null) {
			logger.error("Storage is full, reporting DOWN until a disk probe succeeds: {}", failure.getMessage());
		}
	}

	/** Why the node is latched DOWN, or null. */
	public @Nullable String reason() {
		return reason.get();
	}

	public void clear() {
		if (reason.getAndSet(null) != null) {
			logger.info("Disk probe succeeded: write-failure latch cleared");
		}
	}

}
