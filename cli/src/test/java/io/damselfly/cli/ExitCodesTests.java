package io.damselfly.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

import io.damselfly.cli.cluster.ClusterNotRunningException;
import io.damselfly.cli.http.ApiError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts branch on the exit code, so each kind of failure keeps its own, documented code. */
class ExitCodesTests {

	@Test
	void theCodesAreTheDocumentedOnes() {
		assertThat(ExitCodes.OK).isZero();
		assertThat(ExitCodes.FAILED).isEqualTo(1);
		assertThat(ExitCodes.USAGE).isEqualTo(2).isEqualTo(CommandLine.ExitCode.USAGE);
		assertThat(ExitCodes.NO_CLUSTER).isEqualTo(3);
		assertThat(ExitCodes.REFUSED).isEqualTo(4);
	}

	@Test
	void aRefusedTokenIsRefusedWhateverTheCommand() {
		assertThat(ExitCodes.of(new ApiError(401, "401 from http://127.0.0.1:8100/api/v1/downloads: no token")))
			.isEqualTo(ExitCodes.REFUSED);
		assertThat(ExitCodes.of(new ApiError(403, "403 from http://127.0.0.1:8081/api/v1/jobs: not admin")))
			.isEqualTo(ExitCodes.REFUSED);
	}

	@Test
	void otherErrorAnswersAreFailedOperations() {
		assertThat(ExitCodes.of(new ApiError(400, "bad request"))).isEqualTo(ExitCodes.FAILED);
		assertThat(ExitCodes.of(new ApiError(404, "no such download"))).isEqualTo(ExitCodes.FAILED);
		assertThat(ExitCodes.of(new ApiError(503, "not ready"))).isEqualTo(ExitCodes.FAILED);
	}

	@Test
	void noClusterOrNoAnswerIsNoCluster() {
		assertThat(ExitCodes.of(new ClusterNotRunningException("no cluster in /tmp/run"))).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(ExitCodes.of(new UncheckedIOException("cannot reach http://127.0.0.1:1: connection refused",
				new ConnectException("Connection refused")))).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(ExitCodes.of(new UncheckedIOException("cannot reach http://10.0.0.1:8100",
				new HttpConnectTimeoutException("HTTP connect timed out")))).isEqualTo(ExitCodes.NO_CLUSTER);
	}

	@Test
	void anythingElseIsAFailedOperation() {
		assertThat(ExitCodes.of(new IllegalStateException("download failed: origin answered 500")))
			.isEqualTo(ExitCodes.FAILED);
		// A connection that breaks after it was made is a failed operation, not a missing cluster.
		assertThat(ExitCodes.of(new UncheckedIOException("cannot write out.bin", new IOException("Connection reset"))))
			.isEqualTo(ExitCodes.FAILED);
		// Still an IllegalStateException, for callers that catch one, but not a missing cluster.
		assertThat(ExitCodes.of(new IllegalStateException("no cluster in /tmp/run"))).isEqualTo(ExitCodes.FAILED);
	}

}
