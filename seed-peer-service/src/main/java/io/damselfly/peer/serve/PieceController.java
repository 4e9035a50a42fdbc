package io.damselfly.peer.serve;

import java.util.regex.Pattern;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.id.Ids;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The peer-to-peer API: a task's metadata and piece bitmap, and single pieces sent with zero-copy file
 * transfer. Every input is validated before the store is asked; the file served is the store's own
 * file for the validated task id.
 */
@RestController
public class PieceController {

	private static final Pattern PIECE_NUMBER = Pattern.compile("[0-9]{1,7}");

	public static final String DIGEST_HEADER = "X-Damselfly-Piece-Digest";

	private final TaskStore store;

	private final UploadSlots slots;

	private final PeerHealth health;

	private final PeerMetrics metrics;

	private final PieceCorruption corruption;

	public PieceController(TaskStore store, UploadSlots slots, PeerHealth health, PeerMetrics metrics,
			PieceCorruption corruption) {
		this.store = store;
		this.slots = slots;
		this.health = health;
		this.metrics = metrics;
		this.corruption = corruption;
	}

	@GetMapping("/api/v1/tasks/{taskId}")
	public PeerTaskInfo task(@PathVariable String taskId) {
		Ids.requireTaskId(taskId);
		return store.snapshot(taskId).filter((s) -> s.pieceSize() > 0).map(TaskSnapshot::toPeerTaskInfo)
			.orElseThrow(() -> ApiException.notFound("task " + taskId + " is not held here"));
	}

	@GetMapping("/api/v1/tasks/{taskId}/pieces/{number}")
	public Mono<Void> piece(@PathVariable String taskId, @PathVariable String number, ServerWebExchange exchange) {
		Ids.requireTaskId(taskId);
		if (!PIECE_NUMBER.matcher(number).matches()) {
			throw ApiException.badRequest("piece number must be a non-negative integer below 10000000, got '"
					+ ((number.length() > 20) ? number.substring(0, 20) + "..." : number) + "'");
		}
		int n = Integer.parseInt(number);
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
		PieceLocation piece;
		try {
			piece = store.acquirePiece(taskId, n)
				.orElseThrow(() -> ApiException.notFound("piece " + n + " of task " + taskId + " is not held here"));
		}
		catch (ApiException ex) {
			slots.release();
			throw ex;
		}
		ServerHttpResponse response = exchange.getResponse();
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
		return body.doFinally((signal) -> {
			slots.release();
			store.unpin(taskId);
			if (signal == SignalType.ON_COMPLETE) {
				metrics.uploaded(piece.length());
			}
		});
	}

}
