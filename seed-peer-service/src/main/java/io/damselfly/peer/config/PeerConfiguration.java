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
import io.damselfly.peer.source.Redirects;
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
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
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
		return new SchedulerClient(webClient(HttpClient.create(), Duration.ofSeconds(2), null), discovery, breakers,
				properties.schedulerTimeout());
	}

	@Bean
	HostAnnouncer hostAnnouncer(SchedulerClient scheduler, PeerIdentity identity, PeerProperties properties,
			PeerHealth health, UploadSlots slots, HealthProperties healthProperties) {
		return new HostAnnouncer(scheduler, identity, properties, health, slots, healthProperties.snapshotInterval());
	}

	@Bean
	PieceClient pieceClient() {
		return new PieceClient(webClient(bulkTransfer(), Duration.ofSeconds(2), null));
	}

	@Bean
	ParentBreakers parentBreakers(CircuitBreakerRegistry registry) {
		return new ParentBreakers(registry);
	}

	/** Redirect hops of every origin fetch; a {@link Redirects.TargetPolicy} bean checks each target. */
	@Bean
	Redirects originRedirects(ObjectProvider<Redirects.TargetPolicy> policy) {
		return new Redirects(policy.getIfAvailable(Redirects.TargetPolicy::allowAll));
	}

	@Bean
	OriginClient originClient(PeerProperties properties, Redirects redirects) {
		return new OriginClient(webClient(bulkTransfer(), properties.originTimeout(), properties.originTimeout()),
				redirects);
	}

	@Bean
	OriginFetcher originFetcher(OriginClient client, FileTaskStore store, CircuitBreakerRegistry breakers,
			PeerProperties properties, PeerMetrics metrics) {
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

	/**
	 * The client for bulk bodies (pieces, the origin). Netty's HTTP decoder cuts a body into chunks of at
	 * most 8 KiB by default, and each chunk is one buffer handed from the event loop to the disk writer and
	 * one {@code pwrite}: 32,768 of each per 256 MiB. Chunks as large as a socket read, and reads of up to
	 * {@link #BULK_READ_MAX} bytes, cut both by an order of magnitude. Memory stays bounded: a piece stream
	 * holds at most {@code TaskStore.BUFFERS_IN_FLIGHT} reads, and a read is only as large as what the
	 * socket holds at that moment (the allocator adapts to it).
	 */
	@SuppressWarnings("deprecation") // maxChunkSize: deprecated for Netty 5, still what Netty 4 decodes with
	static HttpClient bulkTransfer() {
		return HttpClient.create()
			.httpResponseDecoder((spec) -> spec.maxChunkSize(BULK_READ_MAX))
			.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(4096, 64 * 1024, BULK_READ_MAX));
	}

	/** The largest socket read (and so body chunk) of a bulk transfer. */
	static final int BULK_READ_MAX = 128 * 1024;

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
