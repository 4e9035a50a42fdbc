package io.damselfly.scheduler.state;

import java.util.List;

import io.damselfly.common.peer.PeerState;

/**
 * A peer's stored explanation.
 *
 * @param taskId its task
 * @param hostId its host
 * @param state its state
 * @param attemptsJson its last attempts, newest first, as stored
 */
public record PeerHistory(String taskId, String hostId, PeerState state, List<String> attemptsJson) {
}
