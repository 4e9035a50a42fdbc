package io.damselfly.peer.source;

import java.net.ConnectException;

/**
 * An origin (or redirect target) whose resolved address the {@link OriginAddressPolicy} refuses: raised
 * before any packet is sent to it, never retried, and never counted against the origin's breaker.
 */
public class OriginAddressRefusedException extends ConnectException {

	public OriginAddressRefusedException(String host, String reason) {
		super("origin " + host + " refused: " + reason);
	}

	/** The refusal's own message, found among the causes of {@code ex}. */
	public static String describe(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof OriginAddressRefusedException) {
				return String.valueOf(t.getMessage());
			}
		}
		return String.valueOf(ex.getMessage());
	}

	/** Whether {@code ex} or one of its causes is a refusal. */
	public static boolean isRefusal(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof OriginAddressRefusedException) {
				return true;
			}
		}
		return false;
	}

}
