package io.damselfly.manager.job;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.damselfly.common.id.TaskIds;
import io.damselfly.manager.job.image.ImageReference;
import io.damselfly.manager.job.run.JobRunner;
import io.damselfly.manager.job.store.JobRepository;
import reactor.core.publisher.Mono;

/**
 * Accepts preheat jobs: checks a request, stores the job, and hands it to the runner, which claims it.
 * Nothing about a job is kept only in memory.
 */
public class JobService {

	private final JobRepository jobs;

	private final JobRunner runner;

	private final JobProperties properties;

	private final Clock clock;

	public JobService(JobRepository jobs, JobRunner runner, JobProperties properties, Clock clock) {
		this.jobs = jobs;
		this.runner = runner;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores a new job and starts it.
	 * @throws IllegalArgumentException when the request is not a valid preheat
	 */
	public Mono<Job> create(PreheatRequest request) {
		check(request);
		Job job = Job.accepted(newId(), request, clock.instant());
		return jobs.save(job, properties.jobTtl()).doOnSuccess((saved) -> runner.submit(job.id())).thenReturn(job);
	}

	public Mono<Job> find(String id) {
		return jobs.find(id);
	}

	static void check(PreheatRequest request) {
		if ((request.url() == null) == (request.image() == null)) {
			throw new IllegalArgumentException("give exactly one of url and image");
		}
		if (request.url() != null) {
			TaskIds.requireHttpUrl(request.url());
			if (request.plainHttp() != null || request.platform() != null) {
				throw new IllegalArgumentException("plainHttp and platform apply to an image, not to a url");
			}
		}
		else {
			ImageReference.parse(request.image());
		}
		for (Map.Entry<String, String> header : request.headersOrEmpty().entrySet()) {
			if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}")) {
				throw new IllegalArgumentException("header name '" + header.getKey() + "' is not an HTTP token");
			}
			if (header.getValue() == null || header.getValue().length() > 8192
					|| header.getValue().chars().anyMatch((c) -> c == '\r' || c == '\n' || c == 0)) {
				throw new IllegalArgumentException("header " + header.getKey()
						+ " must have a value of at most 8192 characters without CR, LF or NUL");
			}
		}
	}

	private static String newId() {
		byte[] random = new byte[8];
		ThreadLocalRandom.current().nextBytes(random);
		return "job-" + HexFormat.of().formatHex(random);
	}

}
