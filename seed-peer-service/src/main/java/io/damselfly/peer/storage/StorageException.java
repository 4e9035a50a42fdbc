package io.damselfly.peer.storage;

/** A store operation refused for a reason a caller can act on (capacity exceeded, conflicting sizes). */
public class StorageException extends RuntimeException {

	public StorageException(String message) {
		super(message);
	}

	/**
	 * Whether a failure is this daemon's own (its disk, its store) rather than the remote's the bytes came
	 * from: breakers of parents, origins and schedulers ignore these.
	 */
	public static boolean isLocal(Throwable ex) {
		return ex instanceof LocalWriteException || ex instanceof StorageException;
	}

}
