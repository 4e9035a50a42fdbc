package io.damselfly.scheduler.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostAnnounceAck;
import io.damselfly.common.id.Ids;
import io.damselfly.common.node.Node;
import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.host.BreakerWatch;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import io.damselfly.scheduler.host.HostVerdict;
import io.damselfly.scheduler.host.ManagedNodes;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Host announces: how normal peers, which do not register with the manager, stay known. A host is kept
 * for three announce intervals; one that falls silent drops out of scheduling by itself.
 */
@RestController
@RequestMapping("/api/v1/hosts")
public class HostController {

	private final HostRepository hosts;

	private final ClusterConfigSource configs;

	private final HostEjectionPolicy policy;

	private final ManagedNodes nodes;

	private final BreakerWatch breakers;

	private final HostBreakerProperties breakerSettings;

	private final Clock clock;

	public HostController(HostRepository hosts, ClusterConfigSource configs, HostEjectionPolicy policy,
			ManagedNodes nodes, BreakerWatch breakers, HostBreakerProperties breakerSettings, Clock clock) {
		this.hosts = hosts;
		this.configs = configs;
		this.policy = policy;
		this.nodes = nodes;
		this.breakers = breakers;
		this.breakerSettings = breakerSettings;
		this.clock = clock;
	}

	@PostMapping
	public Mono<HostAnnounceAck> announce(@Valid @RequestBody HostAnnounce announce) {
		return CallerGuard.announce(announce.type(), announce.hostId()).then(configs.current()).flatMap((config) -> hosts
			.save(new HostRecord(announce, clock.instant()), Duration.ofSeconds(config.hostTtlSeconds()))
			.thenReturn(new HostAnnounceAck(announce.hostId(), config.hostAnnounceIntervalSeconds(),
					config.hostTtlSeconds())));
	}

	/** The hosts whose announce is live, at most 10 000 (a preheat to every peer reads them). */
	@GetMapping
	public Mono<List<HostAnnounce>> list() {
		return hosts.listLive(clock.millis(), 10_000)
			.map((records) -> records.stream().map(HostRecord::announce).toList());
	}

	@DeleteMapping("/{hostId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> delete(@PathVariable String hostId) {
		Ids.requireNameId("hostId", hostId);
		return CallerGuard.host(hostId, "remove host " + hostId).then(hosts.delete(hostId));
	}

	@GetMapping("/{hostId}")
	public Mono<HostView> get(@PathVariable String hostId) {
		Ids.requireNameId("hostId", hostId);
		return policy.refresh().then(hosts.findAll(List.of(hostId)))
			.zipWith(configs.current(), (entries, config) -> {
				HostEntry entry = entries.get(hostId);
				HostRecord host = (entry != null) ? entry.host() : null;
				if (host == null) {
					throw ApiException.notFound("host " + hostId + " has not announced within its TTL");
				}
				breakers.seen(hostId, entry.breaker());
				HostVerdict verdict = policy.judge(host, entry.stats(), entry.breaker(), null);
				Node node = nodes.seedAt(host.announce().ip(), host.announce().port());
				return new HostView(host.announce(), host.announce().health(), host.announcedAt(), config.hostTtlSeconds(),
						verdict.condition(), verdict.reason(), verdict.breakerState(), verdict.breakerState(),
						detail(entry.breaker()), (node != null) ? node.state().name() : null, stats(entry.stats()));
			});
	}

	private HostView.BreakerDetail detail(HostBreaker breaker) {
		long now = clock.millis();
		return new HostView.BreakerDetail(breaker.tripped() ? breaker.reason() : null,
				breaker.tripped() ? Instant.ofEpochMilli(breaker.openedAt()) : null,
				breaker.tripped() ? Instant.ofEpochMilli(breaker.openUntil()) : null,
				breaker.childrenTrying(now, breakerSettings.probationTimeout().toMillis()), breaker.recent().length(),
				breaker.recentFailures(), breaker.failuresByKind());
	}

	private static HostView.Stats stats(HostStats stats) {
		return new HostView.Stats(stats.uploadOk(), stats.uploadFailed(), stats.uploadSuccessRate(), stats.costCount(),
				stats.costMean(), stats.costStdDev(), stats.lastCost(), stats.isBadNode());
	}

}
