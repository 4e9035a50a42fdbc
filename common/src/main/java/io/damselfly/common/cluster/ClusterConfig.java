package io.damselfly.common.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * A cluster's scheduling configuration (docs/architecture.md#scheduling), served by the manager at
 * {@code GET /api/v1/clusters/{id}/config} and replaced with {@code PUT}. A field left out of a PUT
 * body takes its default. Bounds are enforced with Bean Validation; a value out of range is refused
 * with a 400 that names the field.
 *
 * @param candidateParentLimit how many scored parents a peer is given (default 4)
 * @param filterParentLimit how many servable peers are sampled before filtering (default 15)
 * @param retryBackToSourceLimit failed scheduling attempts before a peer may go back to source (default 5)
 * @param retryLimit failed scheduling attempts before a peer is told to FAIL (default 10)
 * @param retryIntervalMillis base delay a WAIT answer asks for, jitter is added (default 500)
 * @param backToSourceLimit peers of one task allowed at the origin at once (default 200)
 * @param taskTtlSeconds how long an idle task is kept (default 24 h)
 * @param peerTtlSeconds how long an idle peer is kept (default 24 h)
 * @param hostAnnounceIntervalSeconds how often hosts announce; host TTL is 3 times this (default 10)
 * @param normalUploadSlots concurrent uploads a normal peer offers (default 200)
 * @param seedUploadSlots concurrent uploads a seed peer offers (default 2000)
 */
public record ClusterConfig(
		@Nullable @Min(value = 1, message = "candidateParentLimit must be between 1 and 20")
		@Max(value = 20, message = "candidateParentLimit must be between 1 and 20") Integer candidateParentLimit,
		@Nullable @Min(value = 1, message = "filterParentLimit must be between 1 and 1000")
		@Max(value = 1000, message = "filterParentLimit must be between 1 and 1000") Integer filterParentLimit,
		@Nullable @Min(value = 0, message = "retryBackToSourceLimit must be between 0 and 100")
		@Max(value = 100, message = "retryBackToSourceLimit must be between 0 and 100") Integer retryBackToSourceLimit,
		@Nullable @Min(value = 1, message = "retryLimit must be between 1 and 1000")
		@Max(value = 1000, message = "retryLimit must be between 1 and 1000") Integer retryLimit,
		@Nullable @Min(value = 10, message = "retryIntervalMillis must be between 10 and 60000")
		@Max(value = 60000, message = "retryIntervalMillis must be between 10 and 60000") Long retryIntervalMillis,
		@Nullable @Min(value = 0, message = "backToSourceLimit must be between 0 and 100000")
		@Max(value = 100000, message = "backToSourceLimit must be between 0 and 100000") Integer backToSourceLimit,
		@Nullable @Min(value = 60, message = "taskTtlSeconds must be between 60 and 2592000")
		@Max(value = 2592000, message = "taskTtlSeconds must be between 60 and 2592000") Long taskTtlSeconds,
		@Nullable @Min(value = 60, message = "peerTtlSeconds must be between 60 and 2592000")
		@Max(value = 2592000, message = "peerTtlSeconds must be between 60 and 2592000") Long peerTtlSeconds,
		@Nullable @Min(value = 1, message = "hostAnnounceIntervalSeconds must be between 1 and 300")
		@Max(value = 300, message = "hostAnnounceIntervalSeconds must be between 1 and 300") Integer hostAnnounceIntervalSeconds,
		@Nullable @Min(value = 1, message = "normalUploadSlots must be between 1 and 100000")
		@Max(value = 100000, message = "normalUploadSlots must be between 1 and 100000") Integer normalUploadSlots,
		@Nullable @Min(value = 1, message = "seedUploadSlots must be between 1 and 100000")
		@Max(value = 100000, message = "seedUploadSlots must be between 1 and 100000") Integer seedUploadSlots) {

	/** The defaults of docs/architecture.md#scheduling. */
	public static final ClusterConfig DEFAULTS = new ClusterConfig(4, 15, 5, 10, 500L, 200, 86_400L, 86_400L, 10,
			200, 2000);

	/**
	 * Fills each missing field with its default, so a partial PUT body means "defaults for the rest".
	 * Range checks are left to Bean Validation so they can name the field.
	 */
	public ClusterConfig {
		candidateParentLimit = or(candidateParentLimit, 4);
		filterParentLimit = or(filterParentLimit, 15);
		retryBackToSourceLimit = or(retryBackToSourceLimit, 5);
		retryLimit = or(retryLimit, 10);
		retryIntervalMillis = or(retryIntervalMillis, 500L);
		backToSourceLimit = or(backToSourceLimit, 200);
		taskTtlSeconds = or(taskTtlSeconds, 86_400L);
		peerTtlSeconds = or(peerTtlSeconds, 86_400L);
		hostAnnounceIntervalSeconds = or(hostAnnounceIntervalSeconds, 10);
		normalUploadSlots = or(normalUploadSlots, 200);
		seedUploadSlots = or(seedUploadSlots, 2000);
	}

	/** Host TTL: three announce intervals, so one lost announce never drops a host. */
	public long hostTtlSeconds() {
		return 3L * hostAnnounceIntervalSeconds;
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
