package io.damselfly.peer.freshness;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.damselfly.common.id.TaskIds;
import io.damselfly.common.task.UrlGeneration;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides which generation of a URL's content a download joins (docs/architecture.md#trust-and-security).
 * Digest-pinned and content-addressed downloads need no check: the digest is the validator. Every other
 * one asks the origin one cheap question ({@link OriginQuestion}), conditional on the generation this
 * peer last used (kept across restarts), unless the URL's revalidation policy lets a known generation be
 * reused. A peer that knows none asks the schedulers for the URL's latest confirmed generation at the
 * same time, to serve it when the origin is down and to say whether the content changed. Times each
 * check in {@code damselfly_peer_revalidation_seconds{outcome}}.
 */
public class Freshness {

	private static final Logger logger = LoggerFactory.getLogger(Freshness.class);

	private static final Pattern BLOB = Pattern.compile("/v2/.+/blobs/sha256:[0-9a-f]{64}");

	private final OriginQuestion question;

	private final GenerationStore local;

	private final SchedulerClient scheduler;

	private final OriginFreshnessProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	public Freshness(OriginQuestion question, GenerationStore local, SchedulerClient scheduler,
			OriginFreshnessProperties properties, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.question = question;
		this.local = local;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The generation a download of this URL joins.
	 * @param headers the request's sanitized origin headers, sent with the question
	 */
	public Mono<Generation> resolve(URI url, @Nullable String tag, @Nullable String application,
			@Nullable String digest, Map<String, String> headers) {
		String baseId = TaskIds.derive(url.toString(), tag, application);
		if (digest != null) {
			return Mono.just(new Generation(baseId, null, null, Generation.NOT_CHECKED + ": digest pinned"));
		}
		if (BLOB.matcher(url.getRawPath()).find()) {
			return Mono.just(new Generation(baseId, null, null, Generation.NOT_CHECKED + ": content-addressed blob"));
		}
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return check(baseId, url, headers).doOnEach((signal) -> {
				if (signal.isOnNext() || signal.isOnError()) {
					String outcome = signal.isOnNext() ? outcome(signal.get().freshness())
							: signal.getThrowable().getClass().getSimpleName();
					meters.timer("damselfly.peer.revalidation", "outcome", outcome)
						.record(Duration.ofNanos(System.nanoTime() - started));
				}
			});
		});
	}

	/** The kind of a freshness, a bounded metric tag: {@code revalidated}, {@code changed at origin}, … */
	private static String outcome(String freshness) {
		int colon = freshness.indexOf(':');
		return (colon > 0) ? freshness.substring(0, colon) : freshness;
	}

	private Mono<Generation> check(String baseId, URI url, Map<String, String> headers) {
		RevalidatePolicy policy = properties.policyFor(url);
		return Mono.fromCallable(() -> local.find(baseId)).subscribeOn(Schedulers.boundedElastic())
			// Without a generation of its own (or with one the origin could not validate) a peer also asks
			// the schedulers for the swarm's, in parallel with the origin.
			.flatMap((mine) -> (mine.isPresent() && Validators.servableStale(mine.get().validator()))
					? decide(baseId, url, headers, policy, mine.get(), null)
					: decide(baseId, url, headers, policy, mine.orElse(null), latest(baseId)))
			.flatMap((generation) -> remember(baseId, generation))
			.doOnNext((generation) -> logger.info("Freshness of {}: {} -> task {}", url, generation.freshness(),
					generation.taskId()));
	}

	private Mono<Generation> decide(String baseId, URI url, Map<String, String> headers, RevalidatePolicy policy,
			@Nullable UrlGeneration mine, @Nullable Mono<Optional<UrlGeneration>> swarm) {
		Generation reused = FreshnessDecision.withoutAsking(policy, mine, clock.instant());
		if (reused != null) {
			return Mono.just(reused);
		}
		if (swarm == null) {
			return question.ask(url, headers, (mine != null) ? mine.validator() : null)
				.map((answer) -> after(baseId, answer, mine));
		}
		if (policy.ttl() != null) {
			// A policy that may skip the question: the swarm's generation first, the origin only without one.
			return swarm.flatMap((known) -> {
				UrlGeneration latest = known.orElse(mine);
				Generation fromSwarm = FreshnessDecision.withoutAsking(policy, latest, clock.instant());
				return (fromSwarm != null) ? Mono.just(fromSwarm)
						: question.ask(url, headers, null).map((answer) -> after(baseId, answer, latest));
			});
		}
		return Mono.zip(question.ask(url, headers, null), swarm)
			.map((both) -> after(baseId, both.getT1(), both.getT2().orElse(mine)));
	}

	private Generation after(String baseId, OriginAnswer answer, @Nullable UrlGeneration known) {
		return FreshnessDecision.afterAsking(baseId, answer, known, properties.serveStaleWhenDown(),
				properties.unvalidatedShareWindow(), clock.instant());
	}

	/** The schedulers' latest generation of the URL; none when they know none or cannot be asked. */
	private Mono<Optional<UrlGeneration>> latest(String baseId) {
		return scheduler.generation(baseId).map(Optional::of).timeout(properties.revalidateTimeout())
			// Fail-open: without the swarm's generation the origin's answer alone decides.
			.onErrorResume(Exception.class, (ex) -> {
				logger.debug("No generation of {} from the schedulers: {}", baseId, ex.toString());
				return Mono.empty();
			})
			.defaultIfEmpty(Optional.empty())
			.cache();
	}

	/**
	 * Keeps a generation the origin has just confirmed, so this peer's next download asks conditionally,
	 * even after a restart. One reused without asking keeps the record it came from.
	 */
	private Mono<Generation> remember(String baseId, Generation generation) {
		if (generation.validator() == null || generation.validatedAt() == null) {
			return Mono.just(generation);
		}
		return Mono.fromCallable(() -> {
			local.save(new UrlGeneration(baseId, generation.taskId(), generation.validator(), generation.validatedAt()));
			return generation;
		}).subscribeOn(Schedulers.boundedElastic())
			// Fail-open: without the record the next download asks unconditionally; this one is unaffected.
			.onErrorResume(UncheckedIOException.class, (ex) -> {
				logger.warn("Could not keep generation of {}: {}", baseId, ex.toString());
				return Mono.just(generation);
			});
	}

}
