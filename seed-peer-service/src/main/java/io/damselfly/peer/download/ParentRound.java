package io.damselfly.peer.download;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.peer.FailureKind;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.piece.PieceBitmap;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.TaskMeta;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.Failures;
import io.damselfly.peer.transfer.ParentFetcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fetches pieces from the parents of one PARENTS decision: several in flight, each from the least busy
 * parent that holds it, each verified against the task's recorded SHA-256. A parent that fails once
 * (timeout, refusal, wrong bytes) is dropped at once, blocklisted and reported. While parents are still
 * fetching, their bitmaps are re-read; the round ends when the task is complete, no parent is left, a
 * parent holds pieces whose digests this peer does not know yet, or the parents stop making progress.
 */
final class ParentRound {

	private static final Logger logger = LoggerFactory.getLogger(ParentRound.class);

	private final TaskStore store;

	private final ParentFetcher parents;

	private final DownloadProperties properties;

	private final TaskFetch fetch;

	private final String peerId;

	private final TaskMeta meta;

	private final Set<String> blocklist;

	private final PieceReporter reporter;

	private final List<Parent> alive = new ArrayList<>();

	private int idlePolls;

	/** A parent of this round. */
	static final class Parent implements PiecePlanner.Parent {

		final ParentInfo info;

		volatile BitSet pieces;

		volatile boolean lengthKnown;

		final AtomicInteger inFlight = new AtomicInteger();

		Parent(ParentInfo info) {
			this.info = info;
			this.pieces = bitmap(info.pieces());
		}

		@Override
		public String peerId() {
			return info.peerId();
		}

		@Override
		public BitSet pieces() {
			return pieces;
		}

		@Override
		public int inFlight() {
			return inFlight.get();
		}

	}

	ParentRound(TaskStore store, ParentFetcher parents, DownloadProperties properties, TaskFetch fetch, String peerId,
			ScheduleDecision decision, Set<String> blocklist, PieceReporter reporter) {
		this.store = store;
		this.parents = parents;
		this.properties = properties;
		this.fetch = fetch;
		this.peerId = peerId;
		this.meta = decision.task();
		this.blocklist = blocklist;
		this.reporter = reporter;
		for (ParentInfo info : decision.parents()) {
			if (!blocklist.contains(info.peerId()) && !info.peerId().equals(peerId)) {
				alive.add(new Parent(info));
			}
		}
	}

	Mono<RoundOutcome> run() {
		return Mono.defer(this::wave);
	}

	private Mono<RoundOutcome> wave() {
		TaskSnapshot snapshot = store.snapshot(fetch.taskId()).orElseThrow();
		if (snapshot.complete()) {
			return Mono.just(RoundOutcome.done());
		}
		List<Parent> parents = parents();
		if (parents.isEmpty()) {
			return Mono.just(RoundOutcome.reschedule("no usable parent left", Duration.ZERO));
		}
		if (meta.pieceSize() <= 0) {
			return Mono.just(RoundOutcome.reschedule("the task's piece size is not known yet",
					properties.parentPollInterval()));
		}
		List<Integer> todo = PiecePlanner.fetchable(meta.pieceCount(), snapshot.held(), meta.pieceDigests(), parents);
		if (!todo.isEmpty()) {
			idlePolls = 0;
			return Flux.fromIterable(todo).flatMap(this::fetchOne, properties.concurrentPieces())
				.then(Mono.defer(this::wave));
		}
		if (PiecePlanner.needsDigests(snapshot.held(), meta.pieceDigests(), parents)
				|| (!meta.lengthKnown() && parents.stream().anyMatch((p) -> p.lengthKnown))) {
			return Mono.just(RoundOutcome.reschedule("parents hold pieces whose digests are not known yet",
					properties.parentPollInterval()));
		}
		long maxPolls = Math.max(1,
				properties.pieceTimeout().toMillis() / properties.parentPollInterval().toMillis());
		if (++idlePolls > maxPolls) {
			return Mono.just(RoundOutcome.reschedule("parents made no progress", Duration.ZERO));
		}
		return Mono.delay(properties.parentPollInterval()).then(refreshParents()).then(Mono.defer(this::wave));
	}

	private synchronized List<Parent> parents() {
		return List.copyOf(alive);
	}

	private Mono<Void> fetchOne(int n) {
		Parent parent = PiecePlanner.pick(n, parents()).orElse(null);
		String digest = meta.digest(n);
		if (parent == null || digest == null) {
			return Mono.empty();
		}
		ParentInfo info = parent.info;
		parent.inFlight.incrementAndGet();
		long start = System.nanoTime();
		return parents.piece(info, fetch.taskId(), n, digest)
			.doOnNext((piece) -> {
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				fetch.receivedFromPeer(info.peerId(), piece.length());
				reporter.add(PieceResult.ok(n, info.peerId(), info.hostId(), took.toMillis(), piece.length(),
						piece.digest()));
			})
			.then()
			// The parent's failure (refused, timed out, wrong bytes) drops it; our own disk's failure ends the round.
			.onErrorResume((ex) -> !StorageException.isLocal(ex), (ex) -> {
				drop(parent, n, ex, Duration.ofNanos(System.nanoTime() - start), true);
				return Mono.empty();
			})
			.doFinally((signal) -> parent.inFlight.decrementAndGet());
	}

	private void drop(Parent parent, int n, Throwable ex, Duration took, boolean report) {
		FailureKind kind = Failures.kind(ex);
		ParentInfo info = parent.info;
		synchronized (this) {
			if (!alive.remove(parent)) {
				return;
			}
		}
		blocklist.add(info.peerId());
		if (report) {
			parents.failed(kind, took);
			reporter.add(PieceResult.failed(n, info.peerId(), info.hostId(), took.toMillis(), kind));
		}
		logger.warn("Dropped parent {} (host {}) of task {} for peer {}: {} failed with {} ({})", info.peerId(),
				info.hostId(), fetch.taskId(), peerId, report ? "piece " + n : "reading its bitmap", kind,
				Failures.describe(ex));
	}

	private Mono<Void> refreshParents() {
		return Flux.fromIterable(parents())
			.flatMap((parent) -> parents.bitmap(parent.info, fetch.taskId())
				.doOnNext((info) -> {
					parent.pieces = bitmap(info.pieces());
					parent.lengthKnown = info.contentLength() >= 0;
				})
				.then()
				// Fail-closed for the parent: one that cannot say what it holds is dropped like one that fails a piece.
				.onErrorResume(Failures::isParentFailure, (ex) -> {
					drop(parent, -1, ex, Duration.ZERO, false);
					return Mono.empty();
				}))
			.then();
	}

	static BitSet bitmap(@Nullable String base64) {
		try {
			return PieceBitmap.fromBase64(base64).toBitSet();
		}
		catch (IllegalArgumentException ex) {
			// Fail-closed: a parent whose bitmap cannot be read is treated as holding nothing.
			return new BitSet();
		}
	}

}
