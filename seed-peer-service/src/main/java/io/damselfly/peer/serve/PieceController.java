package io.damselfly.peer.serve;

import java.util.regex.Pattern;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.id.Ids;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The peer-to-peer API: a task's metadata and piece bitmap, and single pieces. Validates every input
 * before the {@link PieceServer} is asked; the file served is the store's own file for the validated
 * task id.
 */
@RestController
public class PieceController {

	private static final Pattern PIECE_NUMBER = Pattern.compile("[0-9]{1,7}");

	/** The response header carrying the piece's recorded SHA-256. */
	public static final String DIGEST_HEADER = PieceServer.DIGEST_HEADER;

	private final PieceServer pieces;

	public PieceController(PieceServer pieces) {
		this.pieces = pieces;
	}

	@GetMapping("/api/v1/tasks/{taskId}")
	public PeerTaskInfo task(@PathVariable String taskId) {
		return pieces.task(Ids.requireTaskId(taskId));
	}

	@GetMapping("/api/v1/tasks/{taskId}/pieces/{number}")
	public Mono<Void> piece(@PathVariable String taskId, @PathVariable String number, ServerWebExchange exchange) {
		Ids.requireTaskId(taskId);
		if (!PIECE_NUMBER.matcher(number).matches()) {
			throw ApiException.badRequest("piece number must be a non-negative integer below 10000000, got '"
					+ ((number.length() > 20) ? number.substring(0, 20) + "..." : number) + "'");
		}
		return pieces.send(taskId, Integer.parseInt(number), exchange.getResponse());
	}

}
