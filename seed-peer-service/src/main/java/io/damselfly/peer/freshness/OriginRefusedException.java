package io.damselfly.peer.freshness;

/** The origin refused the revalidation request (401, 403, 404, …): the caller gets its answer, not cached bytes. */
public class OriginRefusedException extends RuntimeException {

	private final int status;

	public OriginRefusedException(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}

}
