package io.damselfly.peer.download;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reports piece results of one peer to the scheduler in batches: every report interval, or at once
 * when a batch is full. A first fetcher from origin also states the content length and piece size, so
 * the scheduler records the digests children verify against. A batch the schedulers refuse to take is
 * kept for the next flush; {@link #close()} drains everything that is left, and what the schedulers still
 * could not take then is owed ({@link #owesReports()}) and sent later ({@link #sendOwed()}).
 * <p>
 * Only a peer the scheduler sent to the origin may report origin pieces. When the scheduler refuses them
 * (403) because it lost that record (a Redis failover that dropped the latest writes, or a peer that went
 * to the origin while no scheduler answered), the reporter asks to be scheduled again, as any peer does;
 * once the decision is BACK_TO_SOURCE the batch goes again. Any other decision leaves this peer's origin
 * pieces unreported (its download still succeeds) and they are not offered again.
 */
final class PieceReporter {

	private static final Logger logger = LoggerFactory.getLogger(PieceReporter.class);

	private static final int MAX_BATCH = 1000;

	/** WAIT answers taken while asking to be sent to the origin again; the scheduler's ladder ends sooner. */
	private static final int MAX_SANCTION_ROUNDS = 30;

	static final String LOST_SANCTION = "the scheduler refused this peer's origin pieces: it has no record of"
			+ " sending it to the origin (lost in a failover, or fetched while no scheduler answered)";

	private final SchedulerClient scheduler;

	private final TaskStore store;

	private final String peerId;

	private final String taskId;

	private final int batchSize;

	private final ConcurrentLinkedQueue<PieceResult> pending = new ConcurrentLinkedQueue<>();

	private final Sinks.Many<Boolean> triggers = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Empty<Void> done = Sinks.empty();

	private volatile boolean fromOrigin;

	private volatile boolean closed;

	private volatile boolean failing;

	/** Set when scheduling did not send this peer to the origin again: its origin pieces are not offered. */
	private volatile boolean sanctionRefused;

	PieceReporter(SchedulerClient scheduler, TaskStore store, BackgroundWork background, String peerId, String taskId,
			Duration interval, int batchSize) {
		this.scheduler = scheduler;
		this.store = store;
		this.peerId = peerId;
		this.taskId = taskId;
		this.batchSize = batchSize;
		background.run("piece reports of peer " + peerId,
				Flux.merge(Flux.interval(interval, interval).map((tick) -> false).onBackpressureDrop(), triggers.asFlux())
					.takeUntil((last) -> last)
					.concatMap((last) -> last ? drain() : flush(false), 1)
					.doFinally((signal) -> done.tryEmitEmpty()));
	}

	/** From now on reports carry the content length and piece size (this peer fetches from origin). */
	void fromOrigin() {
		fromOrigin = true;
	}

	void add(PieceResult result) {
		pending.add(result);
		if (pending.size() >= batchSize) {
			emit(false);
		}
	}

	/** Sends everything left (and, for an origin fetch, the final sizes), then completes. */
	Mono<Void> close() {
		if (!closed) {
			closed = true;
			emit(true);
		}
		return done.asMono();
	}

	/**
	 * Whether results (or, for an origin fetch, the final sizes) are still owed to the schedulers after
	 * {@link #close()}: they were unavailable at the end, e.g. during a Redis restart.
	 */
	boolean owesReports() {
		return !pending.isEmpty() || failing;
	}

	/**
	 * After {@link #close()}: sends everything still owed, in batches, and fails (keeping the results)
	 * when the schedulers still cannot take it, so the caller can retry later. Nothing is dropped except
	 * what a scheduler refuses as a bad request.
	 */
	Mono<Void> sendOwed() {
		return Mono.defer(() -> {
			List<PieceResult> batch = new ArrayList<>();
			PieceResult next;
			while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
				batch.add(next);
			}
			if (batch.isEmpty() && !fromOrigin) {
				failing = false;
				return Mono.empty();
			}
			return send(batch)
				.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> {
					if (!SchedulerClient.isClientError(ex)) {
						pending.addAll(batch);
						return Mono.error(ex);
					}
					return Mono.empty();
				})
				.then(Mono.fromRunnable(() -> failing = false));
		}).repeat(() -> !pending.isEmpty()).then();
	}

	private synchronized void emit(boolean last) {
		triggers.tryEmitNext(last);
	}

	private Mono<Void> drain() {
		return Mono.defer(() -> flush(true)).repeat(2, () -> !pending.isEmpty()).then();
	}

	private Mono<Void> flush(boolean force) {
		List<PieceResult> batch = new ArrayList<>();
		PieceResult next;
		while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
			batch.add(next);
		}
		if (batch.isEmpty() && !(force && fromOrigin)) {
			return Mono.empty();
		}
		return send(batch).doOnSuccess((ok) -> failing = false)
			// Fail-open: keep the results for the next flush; the download itself goes on.
			.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> {
				if (!failing || force) {
					logger.warn("Could not report {} piece result(s) of peer {}{}: {}", batch.size(), peerId,
							force ? " (final)" : "; keeping them for the next report", ex.toString());
				}
				failing = true;
				if (!SchedulerClient.isClientError(ex)) {
					pending.addAll(batch);
				}
				return Mono.empty();
			});
	}

	/**
	 * Sends one batch. A refusal of this origin fetcher's pieces (403) asks the scheduler to schedule it
	 * again and, if it is sent to the origin again, sends the batch once more; otherwise the refusal stands.
	 */
	private Mono<Void> send(List<PieceResult> batch) {
		List<PieceResult> offered = sanctionRefused ? batch.stream().filter((r) -> !r.fromOrigin()).toList() : batch;
		if (offered.isEmpty() && !batch.isEmpty()) {
			return Mono.empty();
		}
		return scheduler.reportPieces(peerId, report(offered))
			.onErrorResume((ex) -> fromOrigin && !sanctionRefused && isForbidden(ex),
					(ex) -> sanctionAgain(0).flatMap((again) -> again ? scheduler.reportPieces(peerId, report(offered))
							: Mono.error(ex)));
	}

	private static boolean isForbidden(Throwable ex) {
		return ex instanceof WebClientResponseException response && response.getStatusCode().value() == 403;
	}

	/** Asks to be scheduled again until the scheduler answers other than WAIT: true if BACK_TO_SOURCE. */
	private Mono<Boolean> sanctionAgain(int round) {
		if (round == 0) {
			logger.warn("Peer {}: {}; asking to be scheduled again", peerId, LOST_SANCTION);
		}
		return scheduler.reschedule(peerId, new RescheduleRequest(taskId, null, LOST_SANCTION))
			.flatMap((decision) -> switch (decision.type()) {
				case BACK_TO_SOURCE -> {
					logger.info("Peer {} sent to the origin again for task {}: reporting its origin pieces", peerId,
							taskId);
					yield Mono.just(true);
				}
				case WAIT -> (round + 1 < MAX_SANCTION_ROUNDS)
						? Mono.delay(Duration.ofMillis(Math.max(10, decision.retryAfterMillis())))
							.then(Mono.defer(() -> sanctionAgain(round + 1)))
						: refused("still WAIT after " + MAX_SANCTION_ROUNDS + " rounds");
				default -> refused(decision.type() + ": " + decision.reason());
			})
			// Fail-open: a scheduler that cannot answer now leaves the batch to the usual handling.
			.onErrorResume(SchedulerClient::isAnswerFailure, (ex) -> Mono.just(false));
	}

	private Mono<Boolean> refused(String decision) {
		sanctionRefused = true;
		logger.warn("Peer {} not sent to the origin again for task {} ({}): its origin pieces stay unreported",
				peerId, taskId, decision);
		return Mono.just(false);
	}

	private PieceReport report(List<PieceResult> batch) {
		if (!fromOrigin) {
			return new PieceReport(taskId, null, null, batch);
		}
		TaskSnapshot snapshot = store.snapshot(taskId).orElse(null);
		Long length = (snapshot != null) ? snapshot.contentLength() : -1L;
		Long size = (snapshot != null && snapshot.pieceSize() > 0) ? snapshot.pieceSize() : null;
		return new PieceReport(taskId, length, size, batch);
	}

}
