package io.damselfly.manager.job.store;

import java.time.Duration;

import io.damselfly.manager.job.Job;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where jobs live, so that they outlive the manager that accepted them, and how managers share them:
 * a job is run only by the manager holding its claim, which lapses unless renewed.
 */
public interface JobRepository {

	/** Stores a job, readable for {@code ttl}; an unfinished one is also listed by {@link #unfinished}. */
	Mono<Void> save(Job job, Duration ttl);

	/** A job, or empty when unknown or expired. */
	Mono<Job> find(String id);

	/** The ids of the jobs not finished yet. */
	Flux<String> unfinished();

	/** Drops an id from the unfinished ones (its job expired or cannot be read). */
	Mono<Void> forget(String id);

	/**
	 * Claims a job for {@code owner} for {@code ttl}, atomically: true for exactly one caller while the
	 * claim lasts.
	 */
	Mono<Boolean> claim(String id, String owner, Duration ttl);

	/** Extends {@code owner}'s claim; false when it has lapsed or another manager holds it. */
	Mono<Boolean> renew(String id, String owner, Duration ttl);

	/** Gives up {@code owner}'s claim, if it still holds it. */
	Mono<Void> release(String id, String owner);

}
