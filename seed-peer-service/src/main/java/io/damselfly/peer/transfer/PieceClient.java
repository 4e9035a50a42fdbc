package io.damselfly.peer.transfer;

import java.time.Duration;

import io.damselfly.common.download.PeerTaskInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client of other peers' piece API. Bodies are streamed as buffers, never collected, so a piece
 * goes to disk as it arrives.
 */
public class PieceClient {

	private final WebClient web;

	public PieceClient(WebClient web) {
		this.web = web;
	}

	/**
	 * The body of piece {@code n} of a task from a parent at {@code parentUrl} ({@code http://ip:port}).
	 * @param stallTimeout the longest the parent may send nothing, before the first byte or between two
	 * reads: ends the body with Netty's {@code ReadTimeoutException}. Kept by the connection (one timer per
	 * response, touched on each read), not by a timer per buffer.
	 */
	public Flux<DataBuffer> piece(String parentUrl, String taskId, int n, Duration stallTimeout) {
		return web.get().uri(parentUrl + "/api/v1/tasks/{taskId}/pieces/{n}", taskId, n)
			.httpRequest((request) -> ((HttpClientRequest) request.getNativeRequest()).responseTimeout(stallTimeout))
			.retrieve()
			.bodyToFlux(DataBuffer.class);
	}

	/** What a parent holds of a task now. */
	public Mono<PeerTaskInfo> info(String parentUrl, String taskId) {
		return web.get().uri(parentUrl + "/api/v1/tasks/{taskId}", taskId).retrieve().bodyToMono(PeerTaskInfo.class);
	}

}
