package io.damselfly.peer.storage;

import java.io.IOException;

/** Told at once when a write to task storage fails, so health can turn DOWN without waiting for a probe. */
@FunctionalInterface
public interface WriteFailureListener {

	void onWriteFailure(IOException failure);

	/** True when the failure means the device is full. */
	static boolean isNoSpace(Throwable failure) {
		String message = failure.getMessage();
		return message != null && (message.contains("No space left") || message.contains("not enough space")
				|| message.contains("Disk quota exceeded"));
	}

}
