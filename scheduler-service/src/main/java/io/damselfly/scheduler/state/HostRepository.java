package io.damselfly.scheduler.state;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Hosts as announced, with a TTL, and the statistics children report about them. */
public interface HostRepository {

	/** Stores an announce for {@code ttl}; a host silent longer than that disappears. */
	Mono<Void> save(HostRecord host, Duration ttl);

	/** A host; empty when unknown or expired. */
	Mono<HostRecord> find(String hostId);

	/** Hosts and their statistics in one round trip; an expired host maps to a null record. */
	Mono<Map<String, HostEntry>> findAll(Collection<String> hostIds);

	/** Host ids announced at these {@code ip:port} addresses; unknown addresses are left out. */
	Mono<Map<String, String>> idsAt(List<String> addresses);

	Mono<Void> delete(String hostId);

	Mono<HostStats> stats(String hostId);

	/** Folds a report's outcomes for one host into its shared statistics. */
	Mono<Void> recordUploads(String hostId, long ok, long failed, List<Long> costs, Duration ttl);

	/**
	 * A host and its statistics.
	 *
	 * @param host the announce, null when expired
	 * @param stats the statistics
	 */
	record HostEntry(@Nullable HostRecord host, HostStats stats) {
	}

}
