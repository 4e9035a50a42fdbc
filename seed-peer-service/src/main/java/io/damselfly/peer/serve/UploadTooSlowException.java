package io.damselfly.peer.serve;

import java.time.Duration;

/** A child did not take a whole piece within {@code damselfly.peer.serve.upload-timeout}: cut off. */
public class UploadTooSlowException extends RuntimeException {

	public UploadTooSlowException(String taskId, int piece, Duration bound) {
		super("upload of piece " + piece + " of task " + taskId + " took longer than " + bound.toMillis()
				+ " ms: the reader is too slow, the connection is closed and its upload slot freed", null, false, false);
	}

}
