package io.damselfly.peer.api;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.id.Ids;
import io.damselfly.peer.download.Download;
import io.damselfly.peer.download.DownloadContent;
import io.damselfly.peer.download.DownloadService;
import io.damselfly.peer.serve.ZeroCopy;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
		// The output path is checked against the filesystem (real paths), so off the event loop.
		return Mono.fromCallable(() -> downloads.start(request)).subscribeOn(Schedulers.boundedElastic());
	}

	@GetMapping("/api/v1/downloads/{id}")
	public DownloadStatus status(@PathVariable String id) {
		return downloads.status(find(id));
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
		response.getHeaders().setContentLength(content.length());
		if (content.sha256() != null) {
			response.getHeaders().set("X-Damselfly-Sha256", content.sha256());
		}
		return ZeroCopy.send(response, content.path(), 0, content.length())
			.doFinally((signal) -> downloads.release(content));
	}

	private Download find(String id) {
		Ids.requireNameId("download id", id);
		return downloads.get(id).orElseThrow(() -> ApiException.notFound("no download " + id + " on this daemon"));
	}

}
