package io.damselfly.peer.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.damselfly.peer.download.DownloadEngine;
import io.damselfly.peer.download.DownloadService;
import io.damselfly.peer.download.EngineContext;
import io.damselfly.peer.health.DiskIoHealthIndicator;
import io.damselfly.peer.health.DiskSpaceHealthIndicator;
import io.damselfly.peer.health.MemoryHealthIndicator;
import io.damselfly.peer.health.PeerHealth;
import io.damselfly.peer.health.WriteFailureLatch;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.scheduler.HostAnnouncer;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.damselfly.peer.scheduler.SchedulerDiscovery;
import io.damselfly.peer.serve.PieceCorruption;
import io.damselfly.peer.serve.UploadSlots;
import io.damselfly.peer.source.OriginClient;
import io.damselfly.peer.source.OriginFetcher;
import io.damselfly.peer.storage.DataFile;
import io.damselfly.peer.storage.FileTaskStore;
import io.damselfly.peer.storage.LocalWriteException;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.peer.transfer.ParentBreakers;
import io.damselfly.peer.transfer.PieceClient;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Wires the peer daemon. Every collaborator is a plain class; this is the only place that knows them all.
 */
@Configuration(proxyBeanMethods = false)
public class PeerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PeerConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PeerIdentity peerIdentity(PeerProperties properties, Environment environment) {
		return new PeerIdentity(properties, environment.getProperty("server.port", Integer.class, 8100));
	}

	@Bean
	WriteFailureLatch writeFailureLatch() {
		return new WriteFailureLatch();
	}

	@Bean
	FileTaskStore taskStore(StorageProperties properties, JsonMapper json, WriteFailureLatch latch, Clock clock) {
		return new FileTaskStore(properties, json, DataFile::open, latch, clock);
	}

	/** Named like Boot's disk-space indicator so it replaces it: this one watches the task storage. */
	@Bean
	DiskSpaceHealthIndicator diskSpaceHealthIndicator(FileTaskStore store, HealthProperties properties) {
		return new DiskSpaceHealthIndicator(store.tasksDir(), store, properties);
	}

	@Bean
	DiskIoHealthIndicator diskIoHealthIndicator(FileTaskStore store, HealthProperties properties,
			WriteFailureLatch latch) {
		return new DiskIoHealthIndicator(store.tasksDir(), properties, latch);
	}

	@Bean
	MemoryHealthIndicator memoryHealthIndicator(HealthProperties properties) {
		return new MemoryHealthIndicator(MemoryHealthIndicator.HeapReader.jvm(), properties);
	}

	@Bean
	PeerHealth peerHealth(DiskSpaceHealthIndicator space, DiskIoHealthIndicator io, MemoryHealthIndicator memory,
			WriteFailureLatch latch, ApplicationAvailability availability) {
		return new PeerHealth(space, io, memory, latch, availability);
	}

	@Bean
	PeriodicTask diskIoProbe(DiskIoHealthIndicator io, HealthProperties properties) {
		return new PeriodicTask("disk I/O probe", properties.ioProbeInterval(), io::probe, false);
	}

	@Bean
	PeriodicTask metadataFlush(FileTaskStore store, StorageProperties properties) {
		return new PeriodicTask("task metadata flush", properties.metadataFlushInterval(), store::flush, true);
	}

	@Bean
	PeriodicTask idleEviction(FileTaskStore store, StorageProperties properties) {
		return new PeriodicTask("task eviction", properties.evictionInterval(), store::evictIdle, false);
	}

	/** Drill-only faults, checked before anything serves: a seed with one on does not start. */
	@Bean
	PieceCorruption pieceCorruption(FaultProperties faults, PeerProperties properties) {
		return PieceCorruption.of(faults, properties.mode());
	}

	@Bean
	UploadSlots uploadSlots(PeerProperties properties) {
		return new UploadSlots(properties.effectiveUploadSlots());
	}

	@Bean
	PeerMetrics peerMetrics(MeterRegistry registry, UploadSlots slots) {
		return new PeerMetrics(registry, slots::inFlight);
	}

	/**
	 * Breakers for schedulers, parents and origins, one shared configuration each. A 4xx from a
	 * scheduler is our request's fault, and a local disk failure is never the parent's or origin's.
	 */
	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
		CircuitBreakerConfig base = CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(4)
			.failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(5))
			.permittedNumberOfCallsInHalfOpenState(2).automaticTransitionFromOpenToHalfOpenEnabled(true)
			.ignoreExceptions(LocalWriteException.class, StorageException.class).build();
		CircuitBreakerConfig scheduler = CircuitBreakerConfig.from(base).minimumNumberOfCalls(3)
			.ignoreException((ex) -> SchedulerClient.isClientError(ex)
					|| ex instanceof LocalWriteException || ex instanceof StorageException).build();
		CircuitBreakerConfig origin = CircuitBreakerConfig.from(base)
			.ignoreException((ex) -> (ex instanceof WebClientResponseException r && r.getStatusCode().is4xxClientError())
					|| ex instanceof LocalWriteException || ex instanceof StorageException).build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(Map.of("default", base,
				SchedulerClient.BREAKER_CONFIG, scheduler, ParentBreakers.BREAKER_CONFIG, base,
				OriginFetcher.BREAKER_CONFIG, origin));
		registry.getEventPublisher().onEntryAdded((added) -> added.getAddedEntry().getEventPublisher()
			.onStateTransition((e) -> logger.info("Breaker {}: {}", e.getCircuitBreakerName(),
					e.getStateTransition())));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	@Bean
	SchedulerDiscovery schedulerDiscovery(ManagerClient manager, NodeProperties node, PeerProperties properties) {
		return new SchedulerDiscovery(manager, node.clusterId(), properties.schedulers(),
				properties.schedulerRefreshInterval());
	}

	@Bean
	SchedulerClient schedulerClient(SchedulerDiscovery discovery, CircuitBreakerRegistry breakers,
			PeerProperties properties) {
		// A new connection per call: schedulers still run reactor-netty 1.3.6, whose server can stop reading a
		// keep-alive connection that takes a request before the previous one terminated (reactor-netty#4361);
		// peers call back to back, so reused connections hung until the timeout and opened the breakers.
		// One loopback or LAN handshake per call is cheap next to a decision; drop this once they run 1.3.8.
		return new SchedulerClient(webClient(HttpClient.newConnection(), Duration.ofSeconds(2), null), discovery,
				breakers, properties.schedulerTimeout());
	}

	@Bean
	HostAnnouncer hostAnnouncer(SchedulerClient scheduler, PeerIdentity identity, PeerProperties properties,
			PeerHealth health, UploadSlots slots, HealthProperties healthProperties) {
		return new HostAnnouncer(scheduler, identity, properties, health, slots, healthProperties.snapshotInterval());
	}

	@Bean
	PieceClient pieceClient() {
		return new PieceClient(webClient(Duration.ofSeconds(2), null));
	}

	@Bean
	ParentBreakers parentBreakers(CircuitBreakerRegistry registry) {
		return new ParentBreakers(registry);
	}

	@Bean
	OriginFetcher originFetcher(FileTaskStore store, CircuitBreakerRegistry breakers, PeerProperties properties,
			PeerMetrics metrics) {
		OriginClient client = new OriginClient(webClient(properties.originTimeout(), properties.originTimeout()));
		return new OriginFetcher(client, store, breakers, properties, metrics);
	}

	@Bean
	DownloadEngine downloadEngine(FileTaskStore store, SchedulerClient scheduler, HostAnnouncer announcer,
			PieceClient pieces, ParentBreakers breakers, OriginFetcher origin, PeerIdentity identity,
			PeerProperties properties, PeerMetrics metrics) {
		store.addEvictionListener((task) -> {
			if (task.peerId() != null) {
				scheduler.leave(task.peerId(), task.taskId())
					// Fail-open: the scheduler forgets the peer by its TTL anyway.
					.onErrorResume(Exception.class, (ex) -> Mono.empty()).subscribe();
			}
		});
		return new DownloadEngine(new EngineContext(store, scheduler, announcer, pieces, breakers, origin, identity,
				properties, metrics));
	}

	@Bean
	DownloadService downloadService(DownloadEngine engine, FileTaskStore store, PeerProperties properties,
			Clock clock) {
		return new DownloadService(engine, store, properties, clock);
	}

	private static WebClient webClient(Duration connectTimeout, Duration idleTimeout) {
		return webClient(HttpClient.create(), connectTimeout, idleTimeout);
	}

	private static WebClient webClient(HttpClient base, Duration connectTimeout, Duration idleTimeout) {
		HttpClient http = base
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		if (idleTimeout != null) {
			http = http.responseTimeout(idleTimeout);
		}
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
	}

}
