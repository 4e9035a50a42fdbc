package io.damselfly.peer.download;

/** A download ended without the content: the scheduler said FAIL, or the content was wrong. */
public class DownloadFailedException extends RuntimeException {

	public DownloadFailedException(String message) {
		super(message);
	}

}
