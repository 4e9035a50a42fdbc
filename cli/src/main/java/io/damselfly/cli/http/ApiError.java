package io.damselfly.cli.http;

/** A service answered with an error; the message carries the problem detail it sent. */
public class ApiError extends RuntimeException {

	private final int status;

	public ApiError(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}

}
