package io.damselfly.peer.storage;

import java.io.IOException;

/**
 * Writing to this daemon's own disk failed (e.g. no space left). Never the fault of the parent or
 * origin the bytes came from, so breakers ignore it.
 */
public class LocalWriteException extends IOException {

	public LocalWriteException(IOException cause) {
		super(cause.getMessage(), cause);
	}

}
