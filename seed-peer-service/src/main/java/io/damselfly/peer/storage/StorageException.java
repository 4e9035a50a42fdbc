package io.damselfly.peer.storage;

/** A store operation refused for a reason a caller can act on (capacity exceeded, conflicting sizes). */
public class StorageException extends RuntimeException {

	public StorageException(String message) {
		super(message);
	}

}
