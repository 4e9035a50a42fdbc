package io.damselfly.scheduler.seed;

import java.time.Duration;

import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.node.Node;
import io.damselfly.service.web.WebClients;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.client.WebClient;

/** The seed peers' download API over HTTP; a seed answers 202 once it has accepted the task. */
public class HttpSeedClient implements SeedClient {

	private final WebClient web;

	private final Duration timeout;

	/** @param http the client for calls to other nodes ({@link io.damselfly.service.tls.ClusterHttpClients}) */
	public HttpSeedClient(WebClient.Builder builder, HttpClient http, Duration timeout) {
		this.timeout = timeout;
		this.web = WebClients.withTimeouts(builder, http, timeout, timeout).build();
	}

	@Override
	public Mono<Void> download(Node seed, DownloadRequest request) {
		return web.post().uri(seed.url() + "/api/v1/downloads").bodyValue(request).retrieve().toBodilessEntity()
			.timeout(timeout).then();
	}

}
