package io.damselfly.cli;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

import io.damselfly.cli.cluster.ClusterNotRunningException;
import io.damselfly.cli.http.ApiError;
import picocli.CommandLine;

/**
 * The exit codes of every {@code damselfly} command, and the one mapping from a command's exception to
 * its code. Scripts branch on these (docs/cli.md#exit-codes), so they stay few and never change meaning:
 * a script must tell "the download failed" from "there is nothing to talk to" from "the token was
 * refused" without parsing messages.
 */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int OK = 0;

	/** The operation ran and failed: a download failed, a drill's check failed, a preheat job failed. */
	public static final int FAILED = 1;

	/** The command line was wrong: picocli's own code for usage errors. */
	public static final int USAGE = CommandLine.ExitCode.USAGE;

	/** No cluster in the run directory, none of its nodes runs, or the node asked refused the connection. */
	public static final int NO_CLUSTER = 3;

	/** A service answered 401 or 403: the token is missing, wrong or not allowed to do this. */
	public static final int REFUSED = 4;

	private ExitCodes() {
	}

	/** The code for a command that ended with {@code failure}. */
	public static int of(Throwable failure) {
		if (failure instanceof CommandLine.ParameterException) {
			return USAGE;
		}
		if (failure instanceof ClusterNotRunningException) {
			return NO_CLUSTER;
		}
		if (failure instanceof ApiError error) {
			return refused(error.status()) ? REFUSED : FAILED;
		}
		if (failure instanceof UncheckedIOException unreachable && (unreachable.getCause() instanceof ConnectException
				|| unreachable.getCause() instanceof HttpConnectTimeoutException)) {
			return NO_CLUSTER;
		}
		return FAILED;
	}

	/** Whether an HTTP status means the caller is not let in (as opposed to a failing operation). */
	public static boolean refused(int httpStatus) {
		return httpStatus == 401 || httpStatus == 403;
	}

}
