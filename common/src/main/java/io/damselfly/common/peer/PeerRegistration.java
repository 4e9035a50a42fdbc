package io.damselfly.common.peer;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/peers} on the scheduler: a peer daemon starts (or resumes) downloading a task and
 * asks for parents. The answer is a {@code ScheduleDecision}. The scheduler derives the task id from
 * url, tag and application; when {@code taskId} is given it must match.
 *
 * @param peerId id of this peer of this task, chosen by the daemon, unique per (host, task)
 * @param hostId the announcing host this peer runs on
 * @param url origin URL
 * @param tag optional tag
 * @param application optional application
 * @param digest optional whole-file digest {@code sha256:<hex>}
 * @param taskId optional, checked against the derived id
 * @param headers origin request headers (e.g. auth) to pass to a triggered seed; never stored
 * @param validator the origin's validator of the content generation this peer fetches (ETag, else
 * Last-Modified, else length); when given, the task id is the generation's
 * ({@code TaskIds.generation}), null for digest-pinned and content-addressed downloads
 * @param validatedAt when the origin confirmed that validator, or null when the peer reused a known
 * generation without asking (revalidation policy, or the origin unreachable); the scheduler records
 * a confirmed one as the URL's latest generation
 */
public record PeerRegistration(
		@NotBlank(message = "peerId is required") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
				message = "peerId must be 1-128 characters of [A-Za-z0-9._-]") String peerId,
		@NotBlank(message = "hostId is required") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
				message = "hostId must be 1-128 characters of [A-Za-z0-9._-]") String hostId,
		@NotBlank(message = "url is required") @Size(max = 8192, message = "url is longer than 8192 characters") String url,
		@Nullable @Size(max = 256, message = "tag is longer than 256 characters") String tag,
		@Nullable @Size(max = 256, message = "application is longer than 256 characters") String application,
		@Nullable @Pattern(regexp = "sha256:[0-9a-fA-F]{64}",
				message = "digest must look like 'sha256:<64 hex characters>'") String digest,
		@Nullable @Pattern(regexp = "[0-9a-f]{64}", message = "taskId must be 64 lower-case hex characters") String taskId,
		@Nullable Map<String, String> headers,
		@Nullable @Size(max = 512, message = "validator is longer than 512 characters") @Pattern(regexp = "[\\x20-\\x7e]+",
				message = "validator must be printable ASCII") String validator,
		@Nullable Instant validatedAt) {

	/** A registration without a generation: a digest-pinned or content-addressed download. */
	public PeerRegistration(String peerId, String hostId, String url, @Nullable String tag,
			@Nullable String application, @Nullable String digest, @Nullable String taskId,
			@Nullable Map<String, String> headers) {
		this(peerId, hostId, url, tag, application, digest, taskId, headers, null, null);
	}
}
