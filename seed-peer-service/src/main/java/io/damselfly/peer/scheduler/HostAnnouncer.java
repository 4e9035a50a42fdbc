package io.damselfly.peer.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostAnnounceAck;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.peer.identity.PeerProperties;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.damselfly.peer.health.PeerHealth;
import io.damselfly.peer.serve.UploadSlots;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Announces this host, with its health snapshot, to every known scheduler each interval. All
 * schedulers share Redis, so one announce would do; announcing to each costs one small call per
 * scheduler and keeps the host known when the scheduler it would have picked is lost. The health is
 * re-read every second, and a change of status is announced at once, so a sick host is filtered within
 * a second or two rather than an interval.
 */
public class HostAnnouncer implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HostAnnouncer.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private final SchedulerClient schedulers;

	private final PeerIdentity identity;

	private final PeerProperties properties;

	private final PeerHealth health;

	private final UploadSlots slots;

	private final PeriodicTask periodic;

	private final PeriodicTask onHealthChange;

	private final Sinks.Empty<Void> announced = Sinks.empty();

	private volatile Duration interval;

	private volatile @Nullable HealthSnapshot lastAnnounced;

	private volatile boolean failing;

	public HostAnnouncer(SchedulerClient schedulers, PeerIdentity identity, PeerProperties properties,
			Duration announceInterval, PeerHealth health, UploadSlots slots, Duration healthInterval) {
		this.schedulers = schedulers;
		this.identity = identity;
		this.properties = properties;
		this.health = health;
		this.slots = slots;
		this.interval = announceInterval;
		this.periodic = PeriodicTask.withDelay("host announce", this::nextDelay, this::announceAll).manualStart();
		this.onHealthChange = PeriodicTask.atFixedRate("health change announce", healthInterval, healthInterval,
				() -> health.refresh()
					.filter((snapshot) -> lastAnnounced != null && lastAnnounced.status() != snapshot.status())
					.flatMap((snapshot) -> announceAll()))
			.manualStart();
	}

	/** Starts once the application is ready: announcing earlier would report readiness as refusing traffic. */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		periodic.start();
		onHealthChange.start();
	}

	/** While no scheduler takes the announce, try again every second rather than every interval. */
	private Duration nextDelay() {
		Duration current = interval;
		return (failing && current.compareTo(RETRY_DELAY) > 0) ? RETRY_DELAY : current;
	}

	/** Completes once the first announce succeeded, or after {@code max} (then registering may still work). */
	public Mono<Void> ready(Duration max) {
		return announced.asMono().timeout(max).onErrorResume(TimeoutException.class, (ex) -> Mono.empty());
	}

	/** Announces to every known scheduler; never fails. */
	public Mono<Void> announceAll() {
		// Boot's indicators turn their own errors into DOWN; anything else keeps the last snapshot.
		return health.refresh().onErrorResume(RuntimeException.class, (ex) -> Mono.just(health.current()))
			.flatMap((snapshot) -> {
				HostAnnounce announce = new HostAnnounce(identity.hostId(), identity.hostname(), identity.ip(),
						identity.port(), identity.type(), properties.idc(), properties.location(), slots.limit(),
						slots.inFlight(), snapshot, identity.scheme());
				List<String> urls = schedulers.schedulers();
				return Flux.fromIterable(urls).flatMap((url) -> announceTo(url, announce)).collectList()
					.doOnNext((acks) -> onAcks(acks, urls, snapshot));
			}).then();
	}

	private Mono<HostAnnounceAck> announceTo(String url, HostAnnounce announce) {
		return schedulers.announce(url, announce)
			// Fail-open: one scheduler's loss must not stop announcing to the others.
			.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> {
				if (!failing) {
					logger.warn("Announce of host {} to {} failed: {}", announce.hostId(), url, ex.toString());
				}
				return Mono.empty();
			});
	}

	private void onAcks(List<HostAnnounceAck> acks, List<String> urls, HealthSnapshot snapshot) {
		failing = acks.isEmpty();
		if (acks.isEmpty()) {
			return;
		}
		if (lastAnnounced == null) {
			logger.info("Announced host {} ({}) to {} of {} scheduler(s), health {}", identity.hostId(),
					identity.url(), acks.size(), urls.size(), snapshot.status());
		}
		else if (lastAnnounced.status() != snapshot.status()) {
			logger.info("Announced health change of host {}: {} ({})", identity.hostId(), snapshot.status(),
					snapshot.reason());
		}
		lastAnnounced = snapshot;
		announced.tryEmitEmpty();
		int seconds = acks.get(0).announceIntervalSeconds();
		if (seconds > 0) {
			interval = Duration.ofSeconds(seconds);
		}
	}

	@Override
	public void start() {
	}

	@Override
	public void stop() {
		periodic.stop();
		onHealthChange.stop();
		if (lastAnnounced == null) {
			return;
		}
		// Leave on a clean stop so schedulers drop this host at once rather than after its TTL.
		Flux.fromIterable(schedulers.schedulers())
			.flatMap((url) -> schedulers.leaveHost(url, identity.hostId())
				.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> Mono.empty()))
			.then().timeout(Duration.ofSeconds(2)).onErrorResume(TimeoutException.class, (ex) -> Mono.empty())
			.block();
	}

	@Override
	public boolean isRunning() {
		return periodic.isRunning();
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
