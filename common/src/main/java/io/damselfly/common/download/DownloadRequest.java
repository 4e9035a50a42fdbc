package io.damselfly.common.download;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/downloads} on a peer daemon (used by the CLI, and by schedulers to trigger a
 * seed).
 *
 * @param url origin URL (http or https)
 * @param digest optional whole-file digest {@code sha256:<hex>}, checked at the end
 * @param tag optional tag
 * @param application optional application
 * @param headers origin request headers (e.g. auth)
 * @param output optional absolute path to copy the finished file to; must lie under one of the
 * daemon's allowed output directories
 * @param taskId optional; when given it must be the id derived from url, tag and application, or the
 * blob task id of {@code digest} ({@code TaskIds.forBlob}), which makes the download content-addressed
 * (a scheduler triggering a seed for a registry layer sends it)
 */
public record DownloadRequest(
		@NotBlank(message = "url is required") @Size(max = 8192, message = "url is longer than 8192 characters") String url,
		@Nullable @Pattern(regexp = "sha256:[0-9a-fA-F]{64}",
				message = "digest must look like 'sha256:<64 hex characters>'") String digest,
		@Nullable @Size(max = 256, message = "tag is longer than 256 characters") String tag,
		@Nullable @Size(max = 256, message = "application is longer than 256 characters") String application,
		@Nullable @Size(max = 64, message = "at most 64 headers") Map<String, String> headers,
		@Nullable @Size(max = 4096, message = "output is longer than 4096 characters") String output,
		@Nullable @Pattern(regexp = "[0-9a-f]{64}", message = "taskId must be 64 lower-case hex characters") String taskId) {

	/** A download of a URL task (its id derived from url, tag and application). */
	public DownloadRequest(String url, @Nullable String digest, @Nullable String tag, @Nullable String application,
			@Nullable Map<String, String> headers, @Nullable String output) {
		this(url, digest, tag, application, headers, output, null);
	}

}
