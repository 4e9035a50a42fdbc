package io.damselfly.manager.job.run;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.manager.job.Artifact;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/** The peer daemon's download API, as a preheat uses it on seeds and peers. */
public class PeerClient {

	private final WebClient web;

	private final Duration timeout;

	public PeerClient(WebClient web, Duration timeout) {
		this.web = web;
		this.timeout = timeout;
	}

	/**
	 * Starts (or joins) the download of an artifact on a node. A blob goes with its digest and its blob
	 * task id, so the node checks the content and files it under the task the registry proxy uses.
	 */
	public Mono<DownloadAccepted> start(String nodeUrl, Artifact artifact, Map<String, String> headers) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("url", artifact.url());
		if (artifact.digest() != null) {
			body.put("digest", artifact.digest());
			body.put("taskId", artifact.taskId());
		}
		if (!headers.isEmpty()) {
			body.put("headers", headers);
		}
		return web.post().uri(URI.create(nodeUrl + "/api/v1/downloads")).bodyValue(body).retrieve()
			.bodyToMono(DownloadAccepted.class)
			.timeout(timeout);
	}

	public Mono<DownloadStatus> status(String nodeUrl, String downloadId) {
		return web.get().uri(URI.create(nodeUrl + "/api/v1/downloads/" + downloadId)).retrieve()
			.bodyToMono(DownloadStatus.class)
			.timeout(timeout);
	}

}
