package io.damselfly.manager.probe.health;

/**
 * A probe that timed out while the node had answered the probe before it (on time, or ready after its
 * timeout): a busy node (serving many peers on a small machine) is not a sick one, so the timeout is
 * forgiven. The probe breakers ignore it. A timeout after a probe the node never answered counts as a
 * failure, so a hung node is ejected as fast as before.
 */
public class ProbeSlowException extends RuntimeException {

	public ProbeSlowException(ProbeFailedException timeout) {
		super(timeout.reason(), timeout, false, false);
	}

	/** The timeout, with its late answer. */
	public ProbeFailedException timeout() {
		return (ProbeFailedException) java.util.Objects.requireNonNull(getCause());
	}

}
