package io.damselfly.peer.freshness;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.damselfly.common.download.Credentials;
import io.damselfly.common.task.TaskView;
import io.damselfly.peer.scheduler.SchedulerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps private content private (docs/security.md#private-content). A task first fetched with
 * credentials ({@code Authorization}, cookies) is private, and the schedulers remember it. A caller joins
 * a task only once the origin has accepted that caller's own request: already done when the freshness
 * check asked the origin with its headers; otherwise, when the caller brings credentials, when the task is
 * private, or when neither the schedulers nor this peer ({@link PublicTasks}) know it to be public, the
 * origin is asked now ({@link OriginQuestion}, a {@code HEAD} or a one-byte {@code GET}). A refusal goes back to the caller with the origin's status; an
 * origin that cannot be asked serves nothing. Digest-pinned and content-addressed downloads, and those a
 * revalidation policy lets skip the question, are covered too: their digest says what the content is, not
 * who may have it. Only public content (a task the schedulers know, never fetched with credentials) is
 * joined without a word to the origin.
 */
public class PrivateContent {

	private static final Logger logger = LoggerFactory.getLogger(PrivateContent.class);

	private final OriginQuestion question;

	private final SchedulerClient scheduler;

	private final PublicTasks publicTasks;

	private final Duration lookupTimeout;

	public PrivateContent(OriginQuestion question, SchedulerClient scheduler, PublicTasks publicTasks,
			Duration lookupTimeout) {
		this.question = question;
		this.publicTasks = publicTasks;
		this.scheduler = scheduler;
		this.lookupTimeout = lookupTimeout;
	}

	/**
	 * Completes when this caller may join the task; fails with {@link OriginRefusedException} (the
	 * origin's status) or {@link OriginUnreachableException} otherwise.
	 * @param headers the caller's sanitized origin headers
	 * @param generation what the freshness check did for this request
	 */
	public Mono<Void> admit(String taskId, URI url, Map<String, String> headers, Generation generation) {
		boolean credentials = Credentials.present(headers);
		if (generation.askedOrigin()) {
			// The origin has just accepted this very request: an anonymous one makes the content public.
			return credentials ? Mono.empty() : markPublic(taskId);
		}
		Mono<String> why = credentials ? Mono.just("the request carries credentials")
				: privacy(taskId).flatMap((known) -> {
					if (known.isPresent()) {
						return known.get().privateContent() ? Mono.just("the task was fetched with credentials")
								: markPublic(taskId).then(Mono.empty());
					}
					return Mono.fromCallable(() -> publicTasks.isPublic(taskId)).subscribeOn(Schedulers.boundedElastic())
						.flatMap((marked) -> marked ? Mono.<String>empty()
								: Mono.just("neither the schedulers nor this peer know the task to be public"));
				});
		return why.flatMap((reason) -> question.ask(url, headers, null).flatMap((answer) -> {
			if (answer instanceof OriginAnswer.Refused refused) {
				logger.info("Private content: the origin refused the caller of task {} ({}): {}", taskId, reason,
						refused.status());
				return Mono.error(new OriginRefusedException(refused.status(), "the origin refused this request ("
						+ refused.reason() + "), and " + reason + ": its content is not served without the"
						+ " origin accepting the caller's own credentials"));
			}
			if (answer instanceof OriginAnswer.Unreachable unreachable) {
				return Mono.error(new OriginUnreachableException("the origin could not confirm this caller may have"
						+ " the content (" + unreachable.reason() + "), and " + reason
						+ ": nothing is served without its word"));
			}
			logger.debug("Private content: the origin accepted the caller of task {} ({})", taskId, reason);
			return credentials ? Mono.<Void>empty() : markPublic(taskId);
		})).then();
	}

	/** Remembers a task an anonymous caller was let in to. */
	private Mono<Void> markPublic(String taskId) {
		return Mono.<Void>fromRunnable(() -> publicTasks.markPublic(taskId)).subscribeOn(Schedulers.boundedElastic())
			// Fail-open: without the marker this peer asks the origin again next time; this caller is unaffected.
			.onErrorResume(java.io.UncheckedIOException.class, (ex) -> {
				logger.warn("Could not remember task {} as public: {}", taskId, ex.toString());
				return Mono.empty();
			});
	}

	/** The task as the schedulers know it, or empty when they know none or cannot say. */
	private Mono<Optional<TaskView>> privacy(String taskId) {
		return scheduler.task(taskId).map(Optional::of).timeout(lookupTimeout)
			// Fail-closed: without the schedulers' word the task might be private, so the origin is asked.
			.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> {
				logger.debug("Cannot ask the schedulers whether task {} is private: {}", taskId, ex.toString());
				return Mono.empty();
			})
			.defaultIfEmpty(Optional.empty());
	}

}
