package io.damselfly.peer.freshness;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which generation of the content a download joins, and why.
 *
 * @param taskId the task id: the generation's, or the URL's for digest-pinned and content-addressed
 * downloads
 * @param validator the generation's validator, null when not checked
 * @param validatedAt when the origin confirmed it, null when it was reused without asking
 * @param freshness what happened, for the download status and the logs: {@code revalidated},
 * {@code changed at origin}, {@code served stale: origin unreachable (…)}, {@code not checked: …}, …
 */
public record Generation(String taskId, @Nullable String validator, @Nullable Instant validatedAt,
		String freshness) {

	public static final String REVALIDATED = "revalidated";

	public static final String CHANGED = "changed at origin";

	public static final String FIRST = "validated at origin";

	public static final String STALE = "served stale: origin unreachable";

	public static final String NOT_CHECKED = "not checked";

	/** Whether the origin answered this download's own request (and so accepted its credentials). */
	public boolean askedOrigin() {
		return !freshness.startsWith(NOT_CHECKED) && !freshness.startsWith(STALE);
	}

}
