package io.damselfly.cli.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code get --json} tells a script the same facts as the lines tell a person, nulls spelled out. */
class DownloadSummaryTests {

	private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static DownloadStatus status(DownloadState state, long fromPeers, long fromOrigin, String backToSource,
			String error) {
		return new DownloadStatus("d-1", "t-1", "peer-id-1", "http://origin/f.bin", state, fromPeers + fromOrigin,
				64L * 1024 * 1024, fromPeers, fromOrigin, List.of("seed-1", "peer-2"), backToSource, error, null,
				Instant.parse("2025-01-01T00:00:00Z"), null, "revalidated");
	}

	@Test
	void aSuccessfulDownloadBecomesOneJsonObjectWithEveryFact() {
		DownloadRunner.Result result = new DownloadRunner.Result(
				status(DownloadState.SUCCEEDED, 48L * 1024 * 1024, 16L * 1024 * 1024, "no parent had piece 3", null), SHA,
				Duration.ofMillis(2500));

		DownloadSummary summary = DownloadSummary.of("http://127.0.0.1:8100", Path.of("/tmp/out/f.bin"), result);
		String json = summary.toJson();
		JsonNode tree = Http.JSON.readTree(json);

		assertThat(json).doesNotContain("\n");
		assertThat(tree.propertyNames()).containsExactly("url", "peer", "taskId", "output", "state", "bytes",
				"completedBytes", "sha256", "seconds", "bytesPerSecond", "bytesFromPeers", "bytesFromOrigin", "parents",
				"freshness", "backToSourceReason", "error");
		assertThat(tree.get("url").asString()).isEqualTo("http://origin/f.bin");
		assertThat(tree.get("peer").asString()).isEqualTo("http://127.0.0.1:8100");
		assertThat(tree.get("taskId").asString()).isEqualTo("t-1");
		assertThat(tree.get("output").asString()).isEqualTo(Path.of("/tmp/out/f.bin").toAbsolutePath().toString());
		assertThat(tree.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(tree.get("bytes").asLong()).isEqualTo(64L * 1024 * 1024);
		assertThat(tree.get("sha256").asString()).isEqualTo(SHA);
		assertThat(tree.get("seconds").asDouble()).isEqualTo(2.5);
		assertThat(tree.get("bytesPerSecond").asLong()).isEqualTo(64L * 1024 * 1024 * 1000 / 2500);
		assertThat(tree.get("bytesFromPeers").asLong()).isEqualTo(48L * 1024 * 1024);
		assertThat(tree.get("bytesFromOrigin").asLong()).isEqualTo(16L * 1024 * 1024);
		assertThat(tree.get("parents").valueStream().map(JsonNode::asString)).containsExactly("seed-1", "peer-2");
		assertThat(tree.get("freshness").asString()).isEqualTo("revalidated");
		assertThat(tree.get("backToSourceReason").asString()).isEqualTo("no parent had piece 3");
		assertThat(tree.get("error").isNull()).isTrue();
	}

	@Test
	void theLinesForAPersonSayTheSame() {
		DownloadRunner.Result result = new DownloadRunner.Result(
				status(DownloadState.SUCCEEDED, 64L * 1024 * 1024, 0, null, null), SHA, Duration.ofMillis(2000));

		List<String> lines = DownloadSummary.of("http://127.0.0.1:8100", Path.of("/tmp/f.bin"), result).lines();

		assertThat(lines).containsExactly(Path.of("/tmp/f.bin").toAbsolutePath() + "  64.0 MiB in 2.00 s (32.0 MiB/s)",
				"  from peers 64.0 MiB, from origin 0 B, parents [seed-1, peer-2]", "  freshness: revalidated",
				"  sha256 " + SHA);
	}

	@Test
	void aFailedDownloadKeepsItsErrorAndHasNoDigest() {
		DownloadRunner.Result result = new DownloadRunner.Result(
				status(DownloadState.FAILED, 0, 1024, "origin only", "origin answered 500"), null, Duration.ofMillis(300));

		JsonNode tree = Http.JSON.readTree(DownloadSummary.of("http://p", Path.of("f.bin"), result).toJson());

		assertThat(tree.get("state").asString()).isEqualTo("FAILED");
		assertThat(tree.get("sha256").isNull()).isTrue();
		assertThat(tree.get("completedBytes").asLong()).isEqualTo(1024);
		assertThat(tree.get("error").asString()).isEqualTo("origin answered 500");
		assertThat(tree.get("backToSourceReason").asString()).isEqualTo("origin only");
	}

	@Test
	void aDownloadWithoutAReasonToGoToTheOriginSaysNull() {
		DownloadRunner.Result result = new DownloadRunner.Result(
				status(DownloadState.SUCCEEDED, 64L * 1024 * 1024, 0, null, null), SHA, Duration.ofMillis(10));

		JsonNode tree = Http.JSON.readTree(DownloadSummary.of("http://p", Path.of("f.bin"), result).toJson());

		assertThat(tree.has("backToSourceReason")).isTrue();
		assertThat(tree.get("backToSourceReason").isNull()).isTrue();
	}

}
