package io.damselfly.peer.transfer;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.peer.FailureKind;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.storage.PieceWritten;
import io.damselfly.peer.storage.TaskStore;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

/**
 * One guarded call to a parent: a piece streamed to disk and verified, or the parent's bitmap. Each
 * call is bounded by its timeout (a piece also by the longest wait for its next bytes) and goes through
 * the parent host's breaker, and piece fetches are counted in the peer's meters.
 */
public class ParentFetcher {

	private final PieceClient client;

	private final ParentBreakers breakers;

	private final TaskStore store;

	private final PeerMetrics metrics;

	private final Duration pieceTimeout;

	private final Duration stallTimeout;

	private final Duration bitmapTimeout;

	/**
	 * @param pieceTimeout the longest a whole piece fetch may take
	 * @param stallTimeout the longest a piece fetch may go without a byte, the first one included
	 */
	public ParentFetcher(PieceClient client, ParentBreakers breakers, TaskStore store, PeerMetrics metrics,
			Duration pieceTimeout, Duration stallTimeout, Duration bitmapTimeout) {
		this.stallTimeout = stallTimeout;
		this.client = client;
		this.breakers = breakers;
		this.store = store;
		this.metrics = metrics;
		this.pieceTimeout = pieceTimeout;
		this.bitmapTimeout = bitmapTimeout;
	}

	/**
	 * Fetches piece {@code n} from the parent into the store, verified against {@code digest}.
	 * @return the written piece, or an error (the parent's, or {@code StorageException.isLocal} for ours)
	 */
	public Mono<PieceWritten> piece(ParentInfo parent, String taskId, int n, String digest) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			// A hung parent (stopped, or a dead host whose connection stays open) sends nothing: dropped after
			// the stall timeout, not after the whole piece's.
			return client.piece(parent.url(), taskId, n, stallTimeout)
				.flatMap((body) -> store.writePiece(taskId, n, body, digest))
				.onErrorMap(SocketTimeoutException.class, (ex) -> new TimeoutException("no bytes from the parent for "
						+ stallTimeout.toMillis() + " ms (damselfly.peer.piece-stall-timeout)"))
				.timeout(pieceTimeout)
				.transformDeferred(CircuitBreakerOperator.of(breakers.forHost(parent.hostId())))
				.doOnNext((piece) -> {
					metrics.received(false, piece.length());
					metrics.pieceFetch("peer", "ok", Duration.ofNanos(System.nanoTime() - start));
				});
		});
	}

	/** What the parent holds of the task now. */
	public Mono<PeerTaskInfo> bitmap(ParentInfo parent, String taskId) {
		return client.info(parent.url(), taskId)
			.timeout(bitmapTimeout)
			.transformDeferred(CircuitBreakerOperator.of(breakers.forHost(parent.hostId())));
	}

	/** Counts a failed piece fetch in the meters. */
	public void failed(FailureKind kind, Duration took) {
		metrics.pieceFetch("peer", kind.name().toLowerCase(Locale.ROOT), took);
	}

}
