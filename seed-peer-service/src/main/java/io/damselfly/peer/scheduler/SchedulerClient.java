package io.damselfly.peer.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostAnnounceAck;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.task.TaskView;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.UrlGeneration;
import io.damselfly.peer.storage.StorageException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The one client of the scheduler API. Task calls go to the schedulers in rendezvous order of the task
 * id, each guarded by its breaker {@code scheduler:<url>} and a timeout, and fail over to the next one
 * on an error, a timeout or an open breaker. A 4xx answer is not failed over: every scheduler shares
 * the same Redis and would say the same.
 */
public class SchedulerClient {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerClient.class);

	/** Breaker configuration name in the registry for scheduler breakers. */
	public static final String BREAKER_CONFIG = "scheduler";

	private final WebClient web;

	private final SchedulerDiscovery discovery;

	private final CircuitBreakerRegistry breakers;

	private final Duration timeout;

	/** How long after a scheduler's last HTTP answer the schedulers count as up but unable to serve. */
	static final Duration ANSWERING_WINDOW = Duration.ofSeconds(15);

	private volatile long lastAnswer;

	public SchedulerClient(WebClient web, SchedulerDiscovery discovery, CircuitBreakerRegistry breakers,
			Duration timeout) {
		this.web = web;
		this.discovery = discovery;
		this.breakers = breakers;
		this.timeout = timeout;
	}

	public Mono<ScheduleDecision> register(PeerRegistration registration) {
		String key = (registration.taskId() != null) ? registration.taskId() : registration.url();
		return withFailover(key, "register peer " + registration.peerId(), (url) -> web.post()
			.uri(url + "/api/v1/peers").bodyValue(registration).retrieve().bodyToMono(ScheduleDecision.class));
	}

	public Mono<ScheduleDecision> reschedule(String peerId, RescheduleRequest request) {
		return withFailover(request.taskId(), "reschedule peer " + peerId,
				(url) -> web.post().uri(url + "/api/v1/peers/{peerId}/reschedule", peerId).bodyValue(request).retrieve()
					.bodyToMono(ScheduleDecision.class));
	}

	public Mono<Void> reportPieces(String peerId, PieceReport report) {
		return withFailover(report.taskId(), "report pieces of " + peerId, (url) -> web.post()
			.uri(url + "/api/v1/peers/{peerId}/pieces", peerId).bodyValue(report).retrieve().toBodilessEntity())
			.then();
	}

	public Mono<Void> finished(String peerId, PeerOutcome outcome) {
		return withFailover(outcome.taskId(), "finish peer " + peerId, (url) -> web.post()
			.uri(url + "/api/v1/peers/{peerId}/finished", peerId).bodyValue(outcome).retrieve().toBodilessEntity())
			.then();
	}

	public Mono<Void> failed(String peerId, PeerOutcome outcome) {
		return withFailover(outcome.taskId(), "fail peer " + peerId, (url) -> web.post()
			.uri(url + "/api/v1/peers/{peerId}/failed", peerId).bodyValue(outcome).retrieve().toBodilessEntity())
			.then();
	}

	public Mono<Void> leave(String peerId, String taskId) {
		return withFailover(taskId, "leave peer " + peerId, (url) -> web.delete()
			.uri(url + "/api/v1/peers/{peerId}?taskId={taskId}", peerId, taskId).retrieve().toBodilessEntity())
			.then();
	}

	/** The URL's latest content generation confirmed with its origin; empty when the schedulers know none (404). */
	public Mono<UrlGeneration> generation(String baseId) {
		return withFailover(baseId, "look up the generation of " + baseId, (url) -> web.get()
			.uri(url + "/api/v1/urls/{baseId}/generation", baseId).retrieve().bodyToMono(UrlGeneration.class))
			.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty());
	}

	/** The task as the schedulers know it; empty when they know none (404). */
	public Mono<TaskView> task(String taskId) {
		return withFailover(taskId, "look up task " + taskId, (url) -> web.get()
			.uri(url + "/api/v1/tasks/{taskId}", taskId).retrieve().bodyToMono(TaskView.class))
			.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty());
	}

	/** Announces the host to one scheduler (announces go to each scheduler, not in failover order). */
	public Mono<HostAnnounceAck> announce(String schedulerUrl, HostAnnounce announce) {
		return guarded(schedulerUrl, web.post().uri(schedulerUrl + "/api/v1/hosts").bodyValue(announce).retrieve()
			.bodyToMono(HostAnnounceAck.class));
	}

	public Mono<Void> leaveHost(String schedulerUrl, String hostId) {
		return guarded(schedulerUrl,
				web.delete().uri(schedulerUrl + "/api/v1/hosts/{hostId}", hostId).retrieve().toBodilessEntity())
			.then();
	}

	public List<String> schedulers() {
		return discovery.schedulers();
	}

	private <T> Mono<T> guarded(String url, Mono<T> call) {
		CircuitBreaker breaker = breakers.circuitBreaker("scheduler:" + url, BREAKER_CONFIG);
		return call.doOnSuccess((answer) -> answered())
			.doOnError(WebClientResponseException.class, (ex) -> answered())
			.timeout(timeout)
			.transformDeferred(CircuitBreakerOperator.of(breaker));
	}

	/** A scheduler answered HTTP, whatever the status: its process is up. */
	private void answered() {
		lastAnswer = System.nanoTime();
	}

	/** True when a scheduler answered within {@link #ANSWERING_WINDOW}. */
	private boolean answeringLately() {
		long last = lastAnswer;
		return last != 0 && System.nanoTime() - last < ANSWERING_WINDOW.toNanos();
	}

	private <T> Mono<T> withFailover(String key, String what, Function<String, Mono<T>> call) {
		return Mono.defer(() -> {
			List<String> order = Rendezvous.rank(key, discovery.schedulers());
			if (order.isEmpty()) {
				return Mono.error(new SchedulerUnavailableException(
						"no scheduler known: the manager lists none and damselfly.peer.schedulers is empty"));
			}
			return attempt(order, 0, what, call, null);
		});
	}

	private <T> Mono<T> attempt(List<String> order, int index, String what, Function<String, Mono<T>> call,
			@Nullable Throwable last) {
		if (index >= order.size()) {
			boolean answering = answeringLately();
			return Mono.error(new SchedulerUnavailableException("no scheduler could " + what + " (tried "
					+ order.size() + (answering ? "; they answered lately, so their state store is down" : "")
					+ "): " + ((last != null) ? last.toString() : "?"), last, answering));
		}
		String url = order.get(index);
		return guarded(url, Mono.defer(() -> call.apply(url)))
			// Not a 4xx: every scheduler shares the same Redis and would refuse that request too.
			.onErrorResume((ex) -> isUnavailable(ex) && !isClientError(ex), (ex) -> {
				if (index + 1 < order.size()) {
					logger.warn("Scheduler {} failed to {} ({}); failing over to {}", url, what, ex.toString(),
							order.get(index + 1));
				}
				return attempt(order, index + 1, what, call, ex);
			});
	}

	/**
	 * The scheduler could not answer: it is down or slow (a transport error, an error status, a timeout,
	 * an answer that cannot be read) or its breaker is open. What the failover moves on from.
	 */
	public static boolean isUnavailable(Throwable ex) {
		return ex instanceof WebClientException || ex instanceof TimeoutException
				|| ex instanceof CallNotPermittedException || ex instanceof CodecException
				|| ex instanceof SchedulerUnavailableException;
	}

	/** Any failed answer of one scheduler: unavailable, or a 4xx refusal. */
	public static boolean isAnswerFailure(Throwable ex) {
		return isUnavailable(ex) || isClientError(ex);
	}

	/** The ignore rule of the scheduler breakers: a 4xx is our request's fault, a local disk failure ours. */
	public static boolean ignoredByBreaker(Throwable ex) {
		return isClientError(ex) || StorageException.isLocal(ex);
	}

	/** A 4xx answer: the request itself is wrong, so another scheduler would refuse it too. */
	public static boolean isClientError(Throwable ex) {
		return ex instanceof WebClientResponseException response && response.getStatusCode().is4xxClientError();
	}

}
