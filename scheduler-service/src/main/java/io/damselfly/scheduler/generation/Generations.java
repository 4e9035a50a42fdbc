package io.damselfly.scheduler.generation;

import java.time.Duration;

import io.damselfly.common.id.Ids;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.task.UrlGeneration;
import io.damselfly.scheduler.config.ClusterConfigSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps each URL's latest content generation (docs/architecture.md#trust-and-security). A peer that
 * registers with a validator the origin has just confirmed makes that generation the URL's latest, for
 * the task TTL; peers that cannot ask the origin (it is down) or may skip the question (their
 * revalidation policy) look it up. The superseded generation is no longer handed out and expires with
 * its task.
 */
public class Generations {

	private static final Logger logger = LoggerFactory.getLogger(Generations.class);

	private final GenerationRepository repository;

	private final ClusterConfigSource configs;

	public Generations(GenerationRepository repository, ClusterConfigSource configs) {
		this.repository = repository;
		this.configs = configs;
	}

	/** Records the registration's generation when the origin confirmed it; a registration without one is left alone. */
	public Mono<Void> registered(PeerRegistration registration, String baseId, String taskId) {
		if (registration.validator() == null || registration.validatedAt() == null || baseId.equals(taskId)) {
			return Mono.empty();
		}
		UrlGeneration generation = new UrlGeneration(baseId, taskId, registration.validator(),
				registration.validatedAt());
		return configs.current()
			.flatMap((config) -> repository.record(generation, Duration.ofSeconds(config.taskTtlSeconds())))
			.doOnSuccess((done) -> logger.info("generation: url={} task={} validator={} confirmed by peer {}",
					Ids.abbreviate(registration.url()), taskId, generation.validator(), registration.peerId()))
			// Fail-open: the peer's download goes on; other peers just ask the origin themselves.
			.onErrorResume(RuntimeException.class, (ex) -> {
				logger.warn("Could not record generation {} of task {}: {}", generation.validator(), baseId,
						ex.toString());
				return Mono.empty();
			});
	}

	public Mono<UrlGeneration> latest(String baseId) {
		return repository.find(Ids.requireTaskId(baseId));
	}

}
