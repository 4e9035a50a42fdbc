package io.damselfly.cli.cluster;

/**
 * There is no cluster to talk to: the run directory holds none. Its own type (still an
 * {@link IllegalStateException}, as before) so the CLI exits with its own code and a script can tell
 * "nothing runs here" from "the operation failed".
 */
public class ClusterNotRunningException extends IllegalStateException {

	public ClusterNotRunningException(String message) {
		super(message);
	}

}
