package io.damselfly.scheduler.scheduling;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.schedule.FilterReason;
import io.damselfly.scheduler.state.HostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a scheduling attempt meets the shared host breakers. A child given a parent on a half-open
 * host must hold one of that host's few probation grants, taken in Redis before the decision is
 * recorded: one script per such host, and none at all in the usual case of closed breakers. A host
 * whose grants ran out since the round was read (another instance handed out the last one) is
 * withdrawn from the decision, which then climbs the ladder as if it had never been admitted.
 */
public class BreakerGate {

	private static final Logger logger = LoggerFactory.getLogger(BreakerGate.class);

	private final HostRepository hosts;

	private final Clock clock;

	public BreakerGate(HostRepository hosts, Clock clock) {
		this.hosts = hosts;
		this.clock = clock;
	}

	/** Whether some chosen parent's host is on probation and needs a grant. */
	public boolean needsGrants(Ranking ranking) {
		for (Ranking.Ranked parent : ranking.parents()) {
			if (parent.candidate().breaker().tripped()) {
				return true;
			}
		}
		return false;
	}

	/** Takes the grants the ranking needs; the ranking without the hosts that refused. */
	public Mono<Ranking> admit(Round round, Ranking ranking) {
		Set<String> onProbation = new LinkedHashSet<>();
		for (Ranking.Ranked parent : ranking.parents()) {
			if (parent.candidate().breaker().tripped()) {
				onProbation.add(parent.candidate().hostId());
			}
		}
		long now = clock.millis();
		return Flux.fromIterable(onProbation)
			.flatMap((hostId) -> hosts.grantProbation(hostId, round.peerId(), now).map((grant) -> {
				if (grant.granted()) {
					logger.debug("host {} on probation: child {} may try it ({} trying)", hostId, round.peerId(),
							grant.children());
					return Map.entry(hostId, "");
				}
				String detail = (grant.children() > 0) ? "host on probation (half-open), " + grant.children()
						+ ((grant.children() == 1) ? " child" : " children") + " already trying it"
						: "host breaker open again";
				return Map.entry(hostId, detail);
			}))
			.collectList()
			.map((answers) -> {
				Map<String, String> refused = new HashMap<>();
				for (Map.Entry<String, String> answer : answers) {
					if (!answer.getValue().isEmpty()) {
						refused.put(answer.getKey(), answer.getValue());
					}
				}
				return refused.isEmpty() ? ranking : ranking.withdraw(refused, FilterReason.EJECTED);
			});
	}

}
