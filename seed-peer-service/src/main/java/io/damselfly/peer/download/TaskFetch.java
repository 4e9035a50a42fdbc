package io.damselfly.peer.download;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * One fetch of a task on this daemon, shared by every local download of that task, with its
 * provenance: bytes from peers and from the origin, parents used, and why it went to the origin.
 */
public final class TaskFetch {

	private final String taskId;

	private final URI url;

	private final @Nullable String tag;

	private final @Nullable String application;

	private final @Nullable String digest;

	private final Map<String, String> headers;

	private final @Nullable String validator;

	private final @Nullable Instant validatedAt;

	private final AtomicLong fromPeers = new AtomicLong();

	private final AtomicLong fromOrigin = new AtomicLong();

	private final Set<String> parents = new LinkedHashSet<>();

	private volatile @Nullable String backToSourceReason;

	/**
	 * @param taskId the validated task id
	 * @param url the origin URL
	 * @param tag tag, if any
	 * @param application application, if any
	 * @param digest whole-file digest {@code sha256:<hex>} given with the request, if any
	 * @param headers sanitized origin headers
	 * @param validator the origin's validator of the content generation, null when not checked
	 * @param validatedAt when the origin confirmed it, null when reused without asking
	 */
	public TaskFetch(String taskId, URI url, @Nullable String tag, @Nullable String application,
			@Nullable String digest, Map<String, String> headers, @Nullable String validator,
			@Nullable Instant validatedAt) {
		this.validator = validator;
		this.validatedAt = validatedAt;
		this.taskId = taskId;
		this.url = url;
		this.tag = tag;
		this.application = application;
		this.digest = digest;
		this.headers = Map.copyOf(headers);
	}

	public String taskId() {
		return taskId;
	}

	public URI url() {
		return url;
	}

	public @Nullable String tag() {
		return tag;
	}

	public @Nullable String application() {
		return application;
	}

	public @Nullable String digest() {
		return digest;
	}

	public Map<String, String> headers() {
		return headers;
	}

	public @Nullable String validator() {
		return validator;
	}

	public @Nullable Instant validatedAt() {
		return validatedAt;
	}

	void receivedFromPeer(String parentPeerId, long bytes) {
		fromPeers.addAndGet(bytes);
		synchronized (parents) {
			parents.add(parentPeerId);
		}
	}

	void receivedFromOrigin(long bytes) {
		fromOrigin.addAndGet(bytes);
	}

	void backToSource(@Nullable String reason) {
		backToSourceReason = (reason != null) ? reason : "the scheduler sent this peer back to source";
	}

	public long bytesFromPeers() {
		return fromPeers.get();
	}

	public long bytesFromOrigin() {
		return fromOrigin.get();
	}

	public List<String> parents() {
		synchronized (parents) {
			return new ArrayList<>(parents);
		}
	}

	public @Nullable String backToSourceReason() {
		return backToSourceReason;
	}

}
