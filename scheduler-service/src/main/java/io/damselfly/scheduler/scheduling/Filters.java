package io.damselfly.scheduler.scheduling;

import java.util.List;

import io.damselfly.common.peer.PeerState;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostVerdict;
import org.jspecify.annotations.Nullable;

/**
 * The filters of docs/architecture.md#scheduling step 2, each with its reason. Unlike the anchor, the requesting peer is
 * filtered as {@code self} from a sample of <em>servable</em> peers, so filtering can never empty a
 * small cluster's set by accident.
 */
public final class Filters {

	private Filters() {
	}

	/** The filters in the order their reasons are counted. */
	public static List<CandidateFilter> standard() {
		return List.of(new Self(), new Blocklisted(), new SameHost(), new HostKnown(), new Servable(),
				new HostHealth(), new Sharing(), new UploadSlots(), new BadNode(), new Cycle(), new SeedParents());
	}

	/** The requesting peer itself. */
	public static final class Self implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return candidate.peerId().equals(context.round().peerId())
					? Rejection.hard(FilterReason.SELF, "the requesting peer itself") : null;
		}

	}

	/** Parents the peer reported as failing. */
	public static final class Blocklisted implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return context.round().blocklist().contains(candidate.peerId())
					? Rejection.hard(FilterReason.BLOCKLISTED, "in the peer's blocklist") : null;
		}

	}

	/** A peer on the requester's own host holds nothing the requester could not read locally. */
	public static final class SameHost implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return candidate.hostId().equals(context.round().hostId())
					? Rejection.hard(FilterReason.SAME_HOST, "on the requester's host " + candidate.hostId()) : null;
		}

	}

	/** The host's announce expired (3 announce intervals of silence): it is gone. */
	public static final class HostKnown implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return (candidate.host() == null) ? Rejection.hard(FilterReason.HOST_UNKNOWN,
					"host " + candidate.hostId() + " has not announced within its TTL") : null;
		}

	}

	/** Not in a state to serve; running with a parent but no piece yet waits for the ladder's 2nd rung. */
	public static final class Servable implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			if (candidate.isServable()) {
				return null;
			}
			if (candidate.isRunningWithoutPieces()) {
				return Rejection.relaxable(FilterReason.NOT_SERVABLE, "running with a parent but no verified piece yet",
						LadderStep.ADMIT_RUNNING_WITHOUT_PIECES);
			}
			String state = (candidate.state() != null) ? candidate.state().name() : "expired";
			return Rejection.hard(FilterReason.NOT_SERVABLE, "state " + state + " with "
					+ candidate.pieceCount() + " verified pieces");
		}

	}

	/** Ejected or DOWN hosts never serve; hosts on probation wait for the ladder's 1st rung. */
	public static final class HostHealth implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			HostVerdict verdict = context.verdict(candidate);
			String reason = (verdict.reason() != null) ? verdict.reason() : verdict.condition().name();
			return switch (verdict.condition()) {
				case HEALTHY -> null;
				case PROBATION -> Rejection.relaxable(FilterReason.PROBATION, reason, LadderStep.ADMIT_PROBATION);
				case DOWN -> Rejection.hard(FilterReason.HOST_DOWN, reason);
				case EJECTED -> Rejection.hard(FilterReason.EJECTED, reason);
			};
		}

	}

	/** A host that offers no upload slot at all does not share. */
	public static final class Sharing implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			HostRecord host = candidate.host();
			return (host != null && host.uploadSlots(context.config()) <= 0)
					? Rejection.hard(FilterReason.NOT_SHARING, "host offers no upload slots") : null;
		}

	}

	/** Every upload slot busy at the last announce. */
	public static final class UploadSlots implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			HostRecord host = candidate.host();
			if (host == null) {
				return null;
			}
			int slots = host.uploadSlots(context.config());
			int busy = host.announce().uploadsInFlight();
			return (slots > 0 && busy >= slots) ? Rejection.hard(FilterReason.NO_UPLOAD_SLOTS,
					"all " + slots + " upload slots busy (" + busy + " in flight)") : null;
		}

	}

	/**
	 * The host's last piece cost stands out from its history. Relaxed at rung 1 with hosts on probation:
	 * the verdict rests on the last cost alone, and a host no one may fetch from never records another,
	 * so as a hard rule one slow piece (a busy moment) would keep it out for good, even when it is the
	 * only holder of a task.
	 */
	public static final class BadNode implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return candidate.stats().isBadNode() ? Rejection.relaxable(FilterReason.BAD_NODE,
					candidate.stats().badNodeDetail(), LadderStep.ADMIT_PROBATION) : null;
		}

	}

	/** The candidate downloads, directly or through others, from the requester. */
	public static final class Cycle implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			return context.downloadsFromRequester(candidate) ? Rejection.hard(FilterReason.CYCLE,
					"would close a cycle: " + candidate.peerId() + " downloads from the requester") : null;
		}

	}

	/**
	 * A seed is triggered because the swarm has no usable parent, so it must not wait on a peer that is
	 * itself fed by other peers: that peer may be waiting for the seed (a parent killed mid-transfer left
	 * both stalled, and the waiting peer went to the origin). A seed takes only other seeds, peers that
	 * hold the whole task, and peers fetching from the origin.
	 */
	public static final class SeedParents implements CandidateFilter {

		@Override
		public @Nullable Rejection test(Candidate candidate, FilterContext context) {
			if (!context.round().requesterIsSeed() || candidate.isSeed()) {
				return null;
			}
			PeerState state = candidate.state();
			return (state == PeerState.SUCCEEDED || state == PeerState.BACK_TO_SOURCE) ? null
					: Rejection.hard(FilterReason.NOT_ORIGIN_FED, "a seed does not take a peer that is still fed by "
							+ "other peers (" + ((state != null) ? state.name() : "expired") + ")");
		}

	}

}
