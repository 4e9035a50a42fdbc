package io.damselfly.scheduler.generation;

import java.time.Duration;

import io.damselfly.common.task.UrlGeneration;
import reactor.core.publisher.Mono;

/** Where the latest confirmed generation of each URL is kept, shared by every scheduler instance. */
public interface GenerationRepository {

	/** Records the generation as its URL's latest; it expires after {@code ttl} (the task TTL). */
	Mono<Void> record(UrlGeneration generation, Duration ttl);

	/** The latest generation of the URL with this base id, or empty. */
	Mono<UrlGeneration> find(String baseId);

}
