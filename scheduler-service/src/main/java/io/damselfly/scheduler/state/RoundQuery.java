package io.damselfly.scheduler.state;

import java.util.List;

/**
 * What a scheduling round reads, and the registration it records on the way.
 *
 * @param taskId the task
 * @param peerId the requesting peer
 * @param hostId its host (register only)
 * @param register true for a registration (creates task and peer), false for a reschedule (peer must exist)
 * @param url normalized URL (register only)
 * @param originUrl URL as given (register only)
 * @param tag tag or empty
 * @param application application or empty
 * @param digest whole-file digest or empty
 * @param credentials the registration carried origin credentials: the task becomes private for good
 * @param blocklistAdditions parents to add to the peer's blocklist
 * @param sampleLimit how many servable peers to sample ({@code filterParentLimit})
 * @param ancestryBudget how many parent lists to read for cycle checks
 * @param taskTtlSeconds task TTL
 * @param peerTtlSeconds peer TTL
 * @param nowMillis current time
 */
public record RoundQuery(String taskId, String peerId, String hostId, boolean register, String url, String originUrl,
		String tag, String application, String digest, boolean credentials, List<String> blocklistAdditions, int sampleLimit,
		int ancestryBudget, long taskTtlSeconds, long peerTtlSeconds, long nowMillis) {
}
