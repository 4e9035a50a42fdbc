package io.damselfly.peer.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.id.Ids;
import io.damselfly.peer.storage.PieceSource;
import io.damselfly.peer.transfer.KeptConnections.Address;
import io.damselfly.service.security.TokenSource;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client of other peers' piece API. A piece is pulled over a kept-alive HTTP/1.1 connection by the
 * thread that hashes and writes it ({@link HttpBodyStream}): no buffer changes hands between threads, which
 * the streamed reactive body did about sixty times per 4 MiB piece. Small JSON answers (a parent's
 * bitmap) go through the reactive client. Both carry this daemon's token.
 */
public class PieceClient {

	private final WebClient web;

	private final KeptConnections connections;

	private final TokenSource tokens;

	/**
	 * @param web the reactive client for JSON answers, with the token filter
	 * @param connections the kept-alive connections pieces are pulled over
	 * @param tokens this daemon's token for piece requests (empty when security is off)
	 */
	public PieceClient(WebClient web, KeptConnections connections, TokenSource tokens) {
		this.web = web;
		this.connections = connections;
		this.tokens = tokens;
	}

	/**
	 * The body of piece {@code n} of a task from a parent at {@code parentUrl} ({@code http://ip:port}),
	 * not yet requested: the request goes out on its first read.
	 * @param stallTimeout the longest the parent may send nothing, before the first byte or between two
	 * reads: a read then ends with {@link java.net.SocketTimeoutException}
	 */
	public Mono<PieceSource> piece(String parentUrl, String taskId, int n, Duration stallTimeout) {
		return Mono.defer(() -> {
			Address address = Address.of(parentUrl);
			if (n < 0) {
				throw new IllegalArgumentException("piece number must not be negative, got " + n);
			}
			String path = "/api/v1/tasks/" + Ids.requireTaskId(taskId) + "/pieces/" + n;
			return tokens.token().defaultIfEmpty("").map((token) -> {
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("User-Agent", "damselfly-peer");
				headers.put("Accept", "application/octet-stream, application/problem+json");
				if (!token.isEmpty()) {
					headers.put("Authorization", "Bearer " + token);
				}
				return new HttpBodyStream(connections, address, HttpBodyStream.get(path, address.hostHeader(), headers),
						stallTimeout, new ParentAnswers(tokens::invalidate));
			});
		});
	}

	/** A parent's piece is its 200 with a length; any other answer is a {@link PieceRefusedException}. */
	private record ParentAnswers(Runnable onUnauthorized) implements HttpBodyStream.Answers {

		@Override
		public int contentStatus() {
			return 200;
		}

		@Override
		public @Nullable Exception refuseContent(HttpBodyStream.Head head) {
			return null;
		}

		@Override
		public Exception unframed(HttpBodyStream.Head head) {
			return new IOException(head.chunked() ? "the parent sent the piece in chunked encoding, not with a Content-Length"
					: "the parent sent the piece without a Content-Length");
		}

		@Override
		public Exception refused(HttpBodyStream.Head head, byte[] body) {
			if (head.status() == 401) {
				onUnauthorized.run();
			}
			String detail = HttpBodyStream.describe(body);
			return new PieceRefusedException(head.status(),
					"the parent answered " + head.status() + (detail.isEmpty() ? "" : ": " + detail));
		}

	}

	/** What a parent holds of a task now. */
	public Mono<PeerTaskInfo> info(String parentUrl, String taskId) {
		return web.get().uri(parentUrl + "/api/v1/tasks/{taskId}", taskId).retrieve().bodyToMono(PeerTaskInfo.class);
	}

}
