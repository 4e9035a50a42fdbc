package io.damselfly.scheduler.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.HostVerdict;
import org.jspecify.annotations.Nullable;

/**
 * What the filters know besides the candidate: the round, the cluster config and the host policy.
 * Each host is judged once per round, however many of its peers were sampled.
 */
public final class FilterContext {

	private final Round round;

	private final ClusterConfig config;

	private final HostEjectionPolicy policy;

	private final Map<String, HostVerdict> verdicts = new HashMap<>();

	private @Nullable Boolean requesterIsAParent;

	private final Map<String, Boolean> reachesRequester = new HashMap<>();

	public FilterContext(Round round, ClusterConfig config, HostEjectionPolicy policy) {
		this.round = round;
		this.config = config;
		this.policy = policy;
	}

	public Round round() {
		return round;
	}

	public ClusterConfig config() {
		return config;
	}

	/** The policy's verdict on the candidate's host; HEALTHY when the host is unknown (filtered elsewhere). */
	public HostVerdict verdict(Candidate candidate) {
		if (candidate.host() == null) {
			return HostVerdict.HEALTHY;
		}
		return verdicts.computeIfAbsent(candidate.hostId(),
				(id) -> policy.judge(candidate.host(), candidate.stats(), candidate.breaker(), round.peerId()));
	}

	/**
	 * Whether the candidate downloads from the requester, directly or through others, as far as the
	 * round's ancestry was read. Memoized for the round: each ancestor is looked at once however many
	 * candidates share it.
	 */
	public boolean downloadsFromRequester(Candidate candidate) {
		if (requesterIsAParent == null) {
			requesterIsAParent = requesterIsAParent();
		}
		if (!requesterIsAParent) {
			// A fresh requester is nobody's parent: no edge to it can close a cycle.
			return false;
		}
		for (String parent : candidate.parents()) {
			if (parent.equals(round.peerId()) || reaches(parent)) {
				return true;
			}
		}
		return false;
	}

	private boolean requesterIsAParent() {
		String requester = round.peerId();
		for (List<String> parents : round.ancestry().values()) {
			if (parents.contains(requester)) {
				return true;
			}
		}
		for (Candidate candidate : round.candidates()) {
			if (candidate.parents().contains(requester)) {
				return true;
			}
		}
		return false;
	}

	private boolean reaches(String peerId) {
		Boolean known = reachesRequester.get(peerId);
		if (known != null) {
			return known;
		}
		// Marked false while visiting, so corrupt data with a loop still terminates.
		reachesRequester.put(peerId, false);
		boolean reaches = false;
		for (String parent : round.ancestry().getOrDefault(peerId, List.of())) {
			if (parent.equals(round.peerId()) || reaches(parent)) {
				reaches = true;
				break;
			}
		}
		reachesRequester.put(peerId, reaches);
		return reaches;
	}

}
