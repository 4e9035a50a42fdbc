package io.damselfly.common.schedule;

import java.util.List;

import io.damselfly.common.peer.PeerState;

/**
 * {@code GET /api/v1/peers/{peerId}/schedule}: why a peer got the parents it got, or why it went to the
 * origin.
 *
 * @param peerId the peer
 * @param taskId its task
 * @param hostId its host
 * @param state its current state
 * @param attempts the latest attempts, newest first
 */
public record PeerScheduleExplanation(String peerId, String taskId, String hostId, PeerState state,
		List<ScheduleAttempt> attempts) {
}
