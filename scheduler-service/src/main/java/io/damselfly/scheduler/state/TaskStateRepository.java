package io.damselfly.scheduler.state;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Tasks and their peers. The only source of truth is the store: any scheduler instance serves any
 * request, and two instances on one store give consistent answers.
 */
public interface TaskStateRepository {

	/**
	 * Records the registration (or checks the peer exists), counts the attempt and reads the round:
	 * one round trip however many candidates. Completes empty for a reschedule of an unknown peer.
	 */
	Mono<RoundData> openRound(RoundQuery query);

	/** Records a decision and its explanation. */
	Mono<Void> recordDecision(DecisionRecord decision);

	/** Applies a batch of piece results. */
	Mono<BatchOutcome> applyPieces(PieceBatch batch);

	/** Ends a peer's download; false when the peer is unknown. */
	Mono<Boolean> endPeer(PeerEnd end);

	/** Remembers which task a peer belongs to, for lookups by peer id alone. */
	Mono<Void> indexPeer(String peerId, String taskId, Duration ttl);

	/** The task a peer belongs to; empty when unknown. */
	Mono<String> taskOfPeer(String peerId);

	/** A task's summary; empty when unknown. */
	Mono<TaskSummary> summary(String taskId);

	/** A peer's explanation; empty when unknown. */
	Mono<PeerHistory> history(String taskId, String peerId);

	/**
	 * Marks the task's seed as triggered unless a mark exists (so instances do not all trigger it);
	 * true when this call set it.
	 */
	Mono<Boolean> markSeedTriggered(String taskId, String seedNodeId, Duration ttl);

	/** Removes the mark if it still names this seed (its trigger failed). */
	Mono<Void> clearSeedTrigger(String taskId, String seedNodeId);

}
