package io.damselfly.manager.job.run;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.damselfly.manager.job.Job;
import io.damselfly.manager.job.JobProperties;
import io.damselfly.manager.job.store.JobRepository;
import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Runs the jobs this manager claims. A job is run only under a claim in the store, renewed while it
 * runs; so with several managers exactly one runs a given job, and when that manager dies its claim
 * lapses and another (or the same one, restarted) takes the job over from its stored progress. Every
 * {@code resumeInterval} the runner looks for unfinished jobs nobody holds. All runs end with the
 * application (stop disposes them; their claims then lapse).
 */
public class JobRunner implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final JobRepository jobs;

	private final PreheatExecution.Deps deps;

	private final JobProperties properties;

	private final String owner;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final BackgroundWork runs = new BackgroundWork();

	private final PeriodicTask loop;

	public JobRunner(JobRepository jobs, PreheatExecution.Deps deps, JobProperties properties) {
		this.jobs = jobs;
		this.deps = deps;
		this.properties = properties;
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		this.owner = "manager-" + HexFormat.of().formatHex(random);
		this.loop = PeriodicTask.atFixedRate("unclaimed job lookup", Duration.ZERO, properties.resumeInterval(),
				() -> jobs.unfinished().doOnNext(this::submit).then()
					// Fail-static: without Redis no job can be claimed; the next tick tries again.
					.onErrorResume(DataAccessException.class, (ex) -> Mono.empty())
					.onErrorResume(RedisException.class, (ex) -> Mono.empty()))
			.manualStart();
	}

	/** Claims and runs a job unless it is already running here or claimed elsewhere. */
	public void submit(String id) {
		if (!properties.enabled() || !loop.isRunning() || !running.add(id)) {
			return;
		}
		runs.run("job " + id, jobs.claim(id, owner, properties.claimTtl())
			.filter(Boolean::booleanValue)
			.flatMap((claimed) -> jobs.find(id).switchIfEmpty(Mono.defer(() -> jobs.forget(id).then(Mono.empty()))))
			.filter((job) -> !job.state().finished())
			.flatMap(this::execute)
			.then(Mono.defer(() -> jobs.release(id, owner)))
			.doFinally((signal) -> running.remove(id)),
				(ex) -> logger.warn("Job {} stopped on this manager: {}", id, ex.toString()));
	}

	private Mono<Job> execute(Job stored) {
		PreheatExecution execution = new PreheatExecution(stored, deps);
		Duration ttl = properties.jobTtl();
		logger.info("Running job {} ({} {}, scope {}) as {}", stored.id(), stored.request().url() != null ? "url" : "image",
				stored.request().url() != null ? stored.request().url() : stored.request().image(),
				stored.request().scopeOrDefault(), owner);
		Flux<Boolean> lost = Flux.interval(properties.claimTtl().dividedBy(3))
			.concatMap((tick) -> jobs.renew(stored.id(), owner, properties.claimTtl())
				.flatMap((held) -> jobs.save(execution.current(), ttl).thenReturn(held)))
			.filter((held) -> !held)
			.doOnNext((held) -> logger.warn("Job {}: claim lost, leaving it to the manager that holds it", stored.id()));
		return jobs.save(execution.current(), ttl)
			.then(execution.run())
			.takeUntilOther(lost)
			.flatMap((done) -> jobs.save(done, ttl).thenReturn(done))
			.doOnNext((done) -> logger.info("Job {} {}{}", done.id(), done.state(),
					(done.reason() != null) ? ": " + done.reason() : ""));
	}

	@Override
	public boolean isAutoStartup() {
		return properties.enabled();
	}

	@Override
	public void start() {
		loop.start();
	}

	/** Stops looking for jobs and ends the runs; their claims lapse, and another manager takes them over. */
	@Override
	public void stop() {
		loop.stop();
		runs.stop();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
