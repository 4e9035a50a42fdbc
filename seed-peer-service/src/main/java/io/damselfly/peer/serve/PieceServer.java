package io.damselfly.peer.serve;

import java.time.Duration;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.peer.health.PeerHealth;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.storage.PieceLocation;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Decides whether a piece may be served and serves it: 503 while the node is DOWN or every upload slot
 * is busy, 400 for a piece out of range, 404 for one not held; otherwise the piece goes out with
 * zero-copy file transfer (or flipped, in the corrupt-peer drill), holding a slot and a pin on the task
 * until the body ends. Inputs reach it validated by the controller.
 */
public class PieceServer {

	/** The response header carrying the piece's recorded SHA-256. */
	public static final String DIGEST_HEADER = "X-Damselfly-Piece-Digest";

	private final TaskStore store;

	private final UploadSlots slots;

	private final PeerHealth health;

	private final PeerMetrics metrics;

	private final PieceCorruption corruption;

	private final Duration uploadTimeout;

	/**
	 * @param uploadTimeout the longest one upload may hold its slot: a slower reader is cut off
	 */
	public PieceServer(TaskStore store, UploadSlots slots, PeerHealth health, PeerMetrics metrics,
			PieceCorruption corruption, Duration uploadTimeout) {
		this.uploadTimeout = uploadTimeout;
		this.store = store;
		this.slots = slots;
		this.health = health;
		this.metrics = metrics;
		this.corruption = corruption;
	}

	/** What this daemon holds of a task; 404 while it holds nothing servable. */
	public PeerTaskInfo task(String taskId) {
		return store.snapshot(taskId).filter((s) -> s.pieceSize() > 0).map(TaskSnapshot::toPeerTaskInfo)
			.orElseThrow(() -> ApiException.notFound("task " + taskId + " is not held here"));
	}

	/**
	 * Writes piece {@code n} of a task to the response.
	 * @throws ApiException for every refusal, before anything is written
	 */
	public Mono<Void> send(String taskId, int n, ServerHttpResponse response) {
		if (health.isDown()) {
			throw ApiException.unavailable("node is DOWN: " + health.current().reason());
		}
		TaskSnapshot snapshot = store.snapshot(taskId)
			.orElseThrow(() -> ApiException.notFound("task " + taskId + " is not held here"));
		if (snapshot.pieceCount() >= 0 && n >= snapshot.pieceCount()) {
			throw ApiException.badRequest(
					"piece " + n + " is out of range [0, " + snapshot.pieceCount() + ") of task " + taskId);
		}
		if (!slots.tryAcquire()) {
			throw ApiException.unavailable("all " + slots.limit() + " upload slots are busy");
		}
		PieceLocation piece = store.acquirePiece(taskId, n).orElse(null);
		if (piece == null) {
			slots.release();
			throw ApiException.notFound("piece " + n + " of task " + taskId + " is not held here");
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_OCTET_STREAM);
		response.getHeaders().setContentLength(piece.length());
		if (piece.digest() != null) {
			response.getHeaders().set(DIGEST_HEADER, piece.digest());
		}
		Mono<Void> body = corruption.enabled()
				? response.writeWith(PieceCorruption.corrupt(
						ZeroCopy.read(piece.path(), piece.offset(), piece.length(), response.bufferFactory()),
						response.bufferFactory()))
				: ZeroCopy.send(response, piece.path(), piece.offset(), piece.length());
		// A reader too slow to take the piece within the bound loses the connection, and so the slot.
		return body.timeout(uploadTimeout, Mono.error(() -> new UploadTooSlowException(taskId, n, uploadTimeout)))
			.doFinally((signal) -> {
				slots.release();
				store.unpin(taskId);
				if (signal == SignalType.ON_COMPLETE) {
					metrics.uploaded(piece.length());
				}
			});
	}

}
