package io.damselfly.peer.download;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.id.Ids;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.TaskMeta;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.peer.scheduler.HostAnnouncer;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.damselfly.peer.scheduler.SchedulerUnavailableException;
import io.damselfly.peer.source.OriginFetcher;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.Failures;
import io.damselfly.peer.transfer.ParentFetcher;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The download flow of one task (docs/architecture.md#peer-daemon): register with the scheduler, then act on each decision —
 * fetch from parents, wait, go back to source, or fail — until every piece is held; report finished or
 * failed. A task already complete on disk completes at once without the network.
 */
public class DownloadEngine {

	private static final Logger logger = LoggerFactory.getLogger(DownloadEngine.class);

	private static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(5);

	private final TaskStore store;

	private final SchedulerClient scheduler;

	private final HostAnnouncer announcer;

	private final ParentFetcher parents;

	private final OriginFetcher origin;

	private final PeerIdentity identity;

	private final DownloadProperties properties;

	private final BackgroundWork background;

	public DownloadEngine(TaskStore store, SchedulerClient scheduler, HostAnnouncer announcer, ParentFetcher parents,
			OriginFetcher origin, PeerIdentity identity, DownloadProperties properties, BackgroundWork background) {
		this.store = store;
		this.scheduler = scheduler;
		this.announcer = announcer;
		this.parents = parents;
		this.origin = origin;
		this.identity = identity;
		this.properties = properties;
		this.background = background;
	}

	/**
	 * Fetches the task: completes once every piece is held, each verified against its recorded SHA-256.
	 * The whole file is not hashed again here; that is the caller's choice (a requested digest).
	 */
	public Mono<Void> run(TaskFetch fetch) {
		String taskId = fetch.taskId();
		return store.whilePinned(taskId, () -> {
			TaskSnapshot snapshot = store.snapshot(taskId).orElseThrow();
			if (snapshot.complete()) {
				logger.info("Task {} is complete in local storage", taskId);
				return Mono.<Void>empty();
			}
			// A peer id kept from before a restart is reused while it is still this host's; a host id that changed
			// (another port or name) would have the scheduler refuse it.
			String peerId = (snapshot.peerId() != null && Ids.isPeerOf(identity.hostId(), snapshot.peerId()))
					? snapshot.peerId() : newPeerId();
			store.setPeerId(taskId, peerId);
			PieceReporter reporter = new PieceReporter(scheduler, store, background, peerId, taskId,
					properties.reportInterval(), properties.reportBatchSize());
			Flow flow = new Flow(fetch, peerId, reporter);
			// Not a recovery: every failure (a local disk error is a checked IOException) is reported to the
			// scheduler, then raised again to the caller.
			return flow.start().then(Mono.defer(() -> finish(flow))).onErrorResume(Exception.class,
					(ex) -> fail(flow, ex));
		});
	}

	private String newPeerId() {
		return Ids.peerId(identity.hostId(), ThreadLocalRandom.current().nextInt());
	}

	/**
	 * Reports the end and completes. The data file is not forced here: the bytes are in the page cache, the
	 * periodic flush forces them within a flush interval and only then saves metadata that claims them, so
	 * waiting for the disk would only delay the download (by seconds when many daemons share one disk).
	 */
	private Mono<Void> finish(Flow flow) {
		String taskId = flow.fetch.taskId();
		TaskSnapshot snapshot = store.snapshot(taskId).orElseThrow();
		if (!snapshot.complete()) {
			return Mono.error(new DownloadFailedException("download ended without every piece of task " + taskId));
		}
		PeerOutcome outcome = new PeerOutcome(taskId, snapshot.contentLength(), null);
		return flow.reporter.close()
			.then(scheduler.finished(flow.peerId, outcome).thenReturn(true)
				// Fail-open: the bytes are here and verified; the download succeeds, and what the schedulers
				// missed is sent again in the background once they are back.
				.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> {
					logger.warn("Could not tell the scheduler peer {} finished: {}", flow.peerId, ex.toString());
					return Mono.just(SchedulerClient.isClientError(ex));
				}))
			.doOnNext((told) -> {
				if (!told || flow.reporter.owesReports()) {
					catchUp(flow, outcome);
				}
			})
			.then()
			.doOnSuccess((done) -> logger.info("Task {} complete: {} bytes, {} from peers, {} from origin", taskId,
					snapshot.contentLength(), flow.fetch.bytesFromPeers(), flow.fetch.bytesFromOrigin()));
	}

	/**
	 * Sends the piece reports and the "finished" the schedulers could not take at the end (a Redis
	 * restart, every scheduler down), retrying with a backoff for up to {@link #CATCH_UP_LIMIT}. Without
	 * it a first fetcher's lost reports leave the task without its size and digests, and every child
	 * waits for them until it gives up.
	 */
	private void catchUp(Flow flow, PeerOutcome outcome) {
		logger.info("Peer {} owes the schedulers its last piece reports and its finish; retrying in the background",
				flow.peerId);
		background.run("catch-up of peer " + flow.peerId, flow.reporter.sendOwed()
			.then(Mono.defer(() -> scheduler.finished(flow.peerId, outcome)))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(15))
				.filter((ex) -> !SchedulerClient.isClientError(ex)))
			.timeout(CATCH_UP_LIMIT)
			.doOnSuccess((done) -> logger.info(
					"Schedulers caught up with peer {}: piece reports and finish of task {} delivered", flow.peerId,
					outcome.taskId())),
				(ex) -> logger.warn("Gave up telling the schedulers what peer {} did for task {}: {}", flow.peerId,
						outcome.taskId(), ex.toString()));
	}

	private Mono<Void> fail(Flow flow, Exception ex) {
		String reason = (ex instanceof DownloadFailedException) ? ex.getMessage() : Failures.describe(ex);
		logger.warn("Download of task {} by peer {} failed: {}", flow.fetch.taskId(), flow.peerId, reason);
		String shortReason = (reason.length() > 1000) ? reason.substring(0, 1000) : reason;
		return flow.reporter.close()
			.then(scheduler.failed(flow.peerId, new PeerOutcome(flow.fetch.taskId(), null, shortReason)))
			// Fail-open: the download has failed either way; the scheduler's peer TTL cleans up.
			.onErrorResume(SchedulerClient::isAnswerFailure, (e) -> Mono.empty())
			.then(Mono.error(ex));
	}

	/** How long a finished peer keeps trying to deliver what the schedulers missed (their peer TTL is longer). */
	static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);

	/**
	 * Rides out schedulers that cannot answer before the flow goes to the origin without them: about 10 s
	 * when they are gone, up to {@code scheduler-outage-wait} while they answer 503 ({@link SchedulerOutageRetry}).
	 */
	private Retry schedulerRetry() {
		return SchedulerOutageRetry.of(SchedulerOutageRetry.GONE, properties.schedulerOutageWait());
	}

	/** The state of one download flow: the peer, its blocklist and its scheduling round trips. */
	private final class Flow {

		final TaskFetch fetch;

		final String peerId;

		final PieceReporter reporter;

		final Set<String> blocklist = ConcurrentHashMap.newKeySet();

		final AtomicInteger rounds = new AtomicInteger();

		Flow(TaskFetch fetch, String peerId, PieceReporter reporter) {
			this.fetch = fetch;
			this.peerId = peerId;
			this.reporter = reporter;
		}

		Mono<Void> start() {
			PeerRegistration registration = new PeerRegistration(peerId, identity.hostId(),
					fetch.url().toString(), fetch.tag(), fetch.application(), fetch.digest(), fetch.taskId(),
					fetch.headers().isEmpty() ? null : fetch.headers(), fetch.validator(), fetch.validatedAt());
			return announcer.ready(ANNOUNCE_WAIT)
				.then(scheduler.register(registration).retryWhen(schedulerRetry()))
				.doOnNext((d) -> logger.info("Peer {} registered for task {}: {} ({})", peerId, fetch.taskId(),
						d.type(), (d.reason() != null) ? d.reason() : d.parents().size() + " parent(s)"))
				.flatMap(this::act)
				.onErrorResume(SchedulerUnavailableException.class,
						(ex) -> backToSource("no scheduler reachable: " + ex.getMessage()));
		}

		Mono<Void> act(ScheduleDecision decision) {
			return switch (decision.type()) {
				case PARENTS -> sizes(decision.task()).then(new ParentRound(store, parents, properties, fetch, peerId,
						decision, blocklist, reporter).run()).flatMap((outcome) -> outcome.complete() ? Mono.empty()
								: Mono.delay(outcome.delay()).then(reschedule(outcome.reason())));
				case WAIT -> Mono.delay(Duration.ofMillis(Math.max(10, decision.retryAfterMillis())))
					.then(reschedule("waiting: " + decision.reason()));
				case BACK_TO_SOURCE -> backToSource(decision.reason());
				case FAIL -> Mono.error(new DownloadFailedException(
						"scheduler said FAIL: " + ((decision.reason() != null) ? decision.reason() : "no reason")));
			};
		}

		Mono<Void> sizes(TaskMeta meta) {
			return (meta.pieceSize() > 0) ? store.setSizes(fetch.taskId(), meta.contentLength(), meta.pieceSize())
					: Mono.empty();
		}

		Mono<Void> reschedule(String reason) {
			if (rounds.incrementAndGet() > properties.maxReschedules()) {
				return Mono.error(new DownloadFailedException("gave up after " + properties.maxReschedules()
						+ " scheduling round trips: " + reason));
			}
			List<String> blocked = List.copyOf(blocklist);
			String why = (reason.length() > 500) ? reason.substring(0, 500) : reason;
			return scheduler.reschedule(peerId, new RescheduleRequest(fetch.taskId(), blocked, why))
				.retryWhen(schedulerRetry())
				.doOnNext((d) -> logger.debug("Peer {} rescheduled ({}): {} {}", peerId, why, d.type(), d.reason()))
				.flatMap(this::act)
				.onErrorResume(SchedulerUnavailableException.class,
						(ex) -> backToSource("no scheduler reachable: " + ex.getMessage()));
		}

		Mono<Void> backToSource(@Nullable String reason) {
			fetch.backToSource(reason);
			reporter.fromOrigin();
			logger.info("Peer {} goes back to source for task {}: {}", peerId, fetch.taskId(), reason);
			return origin.fetch(fetch.taskId(), fetch.url(), fetch.headers(), (piece, cost) -> {
				fetch.receivedFromOrigin(piece.length());
				reporter.add(PieceResult.ok(piece.number(), null, null, cost, piece.length(), piece.digest()));
			});
		}

	}

}
