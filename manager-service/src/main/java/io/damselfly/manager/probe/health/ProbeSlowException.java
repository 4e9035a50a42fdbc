package io.damselfly.manager.probe.health;

/**
 * A probe that timed out right after the node had answered one: a busy node (serving many peers on a
 * small machine) is not a sick one, so this one timeout is forgiven. The probe breakers ignore it; a
 * second timeout in a row counts as a failure.
 */
public class ProbeSlowException extends RuntimeException {

	public ProbeSlowException(ProbeFailedException timeout) {
		super(timeout.reason(), timeout, false, false);
	}

}
