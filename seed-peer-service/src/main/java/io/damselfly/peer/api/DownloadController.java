package io.damselfly.peer.api;

import java.time.Duration;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.id.Ids;
import io.damselfly.peer.download.ByteRange;
import io.damselfly.peer.download.Download;
import io.damselfly.peer.download.DownloadContent;
import io.damselfly.peer.download.DownloadService;
import io.damselfly.peer.download.TaskLimitException;
import io.damselfly.peer.freshness.OriginRefusedException;
import io.damselfly.peer.freshness.OriginUnreachableException;
import io.damselfly.peer.serve.ZeroCopy;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The local download API (docs/architecture.md#peer-daemon), used by the CLI and by schedulers that trigger a seed.
 */
@RestController
public class DownloadController {

	private final DownloadService downloads;

	public DownloadController(DownloadService downloads) {
		this.downloads = downloads;
	}

	@PostMapping("/api/v1/downloads")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public Mono<DownloadAccepted> start(@Valid @RequestBody DownloadRequest request) {
		// Not cancelled when the caller hangs up: a scheduler that triggers a seed stops waiting after a
		// second, and the seed must go on (a second trigger joins the same fetch).
		return Mono.fromFuture(downloads.start(request).toFuture(), true)
			.onErrorMap(OriginRefusedException.class, (ex) -> new ApiException(HttpStatus.valueOf(ex.status()),
					(ex.status() == 404) ? ProblemTypes.NOT_FOUND : ProblemTypes.UPSTREAM_ERROR, ex.getMessage()))
			.onErrorMap(OriginUnreachableException.class, (ex) -> ApiException.badGateway(ex.getMessage()))
			.onErrorMap(TaskLimitException.class, (ex) -> ApiException.unavailable(ex.getMessage()));
	}

	/** The longest a status request may be held waiting for the end ({@code ?wait=}), well inside idle timeouts. */
	static final int MAX_WAIT_SECONDS = 30;

	/**
	 * The download's state. {@code ?wait=N} holds the answer until the download has ended or N seconds
	 * have passed (at most {@value #MAX_WAIT_SECONDS}), so a caller waiting for the end need not poll;
	 * {@code ?sha256=true} waits, once it SUCCEEDED, for the whole file's SHA-256 (hashed on first ask).
	 */
	@GetMapping("/api/v1/downloads/{id}")
	public Mono<DownloadStatus> status(@PathVariable String id, @RequestParam(defaultValue = "false") boolean sha256,
			@RequestParam(defaultValue = "0") int wait) {
		if (wait < 0 || wait > MAX_WAIT_SECONDS) {
			throw ApiException.badRequest("wait must be 0 to " + MAX_WAIT_SECONDS + " seconds, not " + wait);
		}
		return downloads.status(find(id), sha256, Duration.ofSeconds(wait));
	}

	@GetMapping("/api/v1/downloads/{id}/content")
	public Mono<Void> content(@PathVariable String id, ServerWebExchange exchange) {
		DownloadContent content;
		try {
			content = downloads.content(find(id))
				.orElseThrow(() -> ApiException.notFound("the content of download " + id + " was evicted"));
		}
		catch (IllegalStateException ex) {
			throw ApiException.conflict(ex.getMessage());
		}
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().setContentType(MediaType.APPLICATION_OCTET_STREAM);
		ByteRange range;
		try {
			range = ByteRange.of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.RANGE), content.length());
		}
		catch (ByteRange.Unsatisfiable ex) {
			downloads.release(content);
			return unsatisfiable(response, content.length(), String.valueOf(ex.getMessage()));
		}
		response.getHeaders().setContentLength(range.length());
		response.getHeaders().set(HttpHeaders.ACCEPT_RANGES, "bytes");
		if (range.partial()) {
			response.setStatusCode(HttpStatus.PARTIAL_CONTENT);
			response.getHeaders().set(HttpHeaders.CONTENT_RANGE, range.contentRange(content.length()));
		}
		if (content.sha256() != null) {
			response.getHeaders().set("X-Damselfly-Sha256", content.sha256());
		}
		return ZeroCopy.send(response, content.path(), range.start(), range.length())
			.doFinally((signal) -> downloads.release(content));
	}

	/** 416 with the content's length in {@code Content-Range}, as RFC 9110 asks, and a problem body. */
	private static Mono<Void> unsatisfiable(ServerHttpResponse response, long length, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, detail);
		String json = "{\"type\":\"about:blank\",\"title\":\"" + problem.getTitle() + "\",\"status\":416,\"detail\":\""
				+ detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		response.setStatusCode(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
		response.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(
				() -> response.bufferFactory().wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
	}

	private Download find(String id) {
		Ids.requireNameId("download id", id);
		return downloads.get(id).orElseThrow(() -> ApiException.notFound("no download " + id + " on this daemon"));
	}

}
