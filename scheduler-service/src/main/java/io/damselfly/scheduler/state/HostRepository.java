package io.damselfly.scheduler.state;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Hosts as announced, with a TTL, and what children report about them: statistics and the host's
 * breaker, both shared by every scheduler instance.
 */
public interface HostRepository {

	/** Stores an announce for {@code ttl}; a host silent longer than that disappears. */
	Mono<Void> save(HostRecord host, Duration ttl);

	/** A host; empty when unknown or expired. */
	Mono<HostRecord> find(String hostId);

	/** Hosts, their statistics and breakers in one round trip; an expired host maps to a null record. */
	Mono<Map<String, HostEntry>> findAll(Collection<String> hostIds);

	/**
	 * The hosts whose announce has not expired at {@code nowMillis}, at most {@code limit}, in no
	 * particular order (for operators and preheat jobs, not for scheduling rounds).
	 */
	Mono<List<HostRecord>> listLive(long nowMillis, int limit);

	/** Host ids announced at these {@code ip:port} addresses; unknown addresses are left out. */
	Mono<Map<String, String>> idsAt(List<String> addresses);

	Mono<Void> delete(String hostId);

	/**
	 * Folds a report's outcomes for one parent host into its statistics and its breaker, atomically:
	 * one round trip per host and report.
	 *
	 * @param hostId the parent host
	 * @param outcomes what the report says about it
	 * @param statsTtl how long the statistics are kept
	 * @param nowMillis now
	 * @return the breaker afterwards and the transitions this report made
	 */
	Mono<HostBreaker.Update> recordOutcomes(String hostId, HostOutcomes outcomes, Duration statsTtl, long nowMillis);

	/** Asks for a probation grant for a child on a host whose breaker is half-open. */
	Mono<ProbationGrant> grantProbation(String hostId, String peerId, long nowMillis);

	/**
	 * A host, its statistics and its breaker.
	 *
	 * @param host the announce, null when expired
	 * @param stats the statistics
	 * @param breaker the shared breaker
	 */
	record HostEntry(@Nullable HostRecord host, HostStats stats, HostBreaker breaker) {
	}

	/**
	 * What one report says about one parent host.
	 *
	 * @param ok good pieces
	 * @param failed failed pieces (digest mismatches included)
	 * @param costs costs of the good pieces in ms, in order
	 * @param codes every outcome in order, as {@link HostBreaker#recent()} codes
	 */
	record HostOutcomes(long ok, long failed, List<Long> costs, String codes) {
	}

	/**
	 * @param granted whether the child may use the host
	 * @param children children trying the host, the requester included when granted
	 */
	record ProbationGrant(boolean granted, int children) {
	}

}
