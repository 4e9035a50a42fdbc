package io.damselfly.cli.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.cli.Format;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.jspecify.annotations.Nullable;

/**
 * What {@code damselfly get} reports once a download ended, as plain data: the same facts become the
 * human lines or one JSON object ({@code --json}), so a script reads exactly what a person sees.
 *
 * @param url the origin URL
 * @param peer the peer daemon that downloaded it
 * @param taskId the task it belongs to
 * @param output the file written (absolute)
 * @param state SUCCEEDED or FAILED
 * @param bytes the content's length, -1 while unknown
 * @param completedBytes bytes the peer verified and wrote
 * @param sha256 hex SHA-256 of the bytes written to {@code output}, computed by the CLI; null when it failed
 * @param seconds wall time from the start to the end of the copy
 * @param bytesPerSecond {@code bytes} over {@code seconds}
 * @param bytesFromPeers verified bytes that came from parents
 * @param bytesFromOrigin verified bytes that came from the origin
 * @param parents parent peer ids used
 * @param freshness how the content was checked against the origin, null when the peer does not say
 * @param backToSourceReason why bytes came from the origin, null when none did for a reason worth telling
 * @param error why it failed, null when it succeeded
 */
public record DownloadSummary(String url, String peer, String taskId, String output, DownloadState state, long bytes,
		long completedBytes, @Nullable String sha256, double seconds, long bytesPerSecond, long bytesFromPeers,
		long bytesFromOrigin, List<String> parents, @Nullable String freshness, @Nullable String backToSourceReason,
		@Nullable String error) {

	/** The summary of {@code result}, a download through {@code peer} written to {@code output}. */
	public static DownloadSummary of(String peer, Path output, DownloadRunner.Result result) {
		DownloadStatus status = result.status();
		long millis = Math.max(1, result.elapsed().toMillis());
		long bytes = status.contentLength();
		return new DownloadSummary(status.url(), peer, status.taskId(), output.toAbsolutePath().toString(),
				status.state(), bytes, status.completedBytes(), result.sha256(), millis / 1000.0,
				Math.max(0, bytes) * 1000 / millis, status.bytesFromPeers(), status.bytesFromOrigin(),
				List.copyOf(status.parents()), status.freshness(), status.backToSourceReason(),
				result.succeeded() ? null : (status.error() != null) ? status.error() : "ended " + status.state());
	}

	/** The lines {@code get} prints for a person once the download succeeded. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("%s  %s in %s (%s/s)", output, Format.bytes(bytes),
				Format.seconds(Duration.ofMillis(Math.round(seconds * 1000))), Format.bytes(bytesPerSecond)));
		lines.add(String.format("  from peers %s, from origin %s, parents %s", Format.bytes(bytesFromPeers),
				Format.bytes(bytesFromOrigin), parents));
		if (freshness != null) {
			lines.add("  freshness: " + freshness);
		}
		if (backToSourceReason != null) {
			lines.add("  back to source: " + backToSourceReason);
		}
		lines.add("  sha256 " + sha256);
		return lines;
	}

	/** One line of JSON with every field, nulls included, for {@code get --json}. */
	public String toJson() {
		return Http.JSON.writeValueAsString(this);
	}

}
