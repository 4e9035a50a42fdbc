package io.damselfly.scheduler.seed;

import java.time.Duration;

import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.node.Node;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** The seed peers' download API over HTTP; a seed answers 202 once it has accepted the task. */
public class HttpSeedClient implements SeedClient {

	private final WebClient web;

	private final Duration timeout;

	public HttpSeedClient(WebClient.Builder builder, Duration timeout) {
		this.timeout = timeout;
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
			.responseTimeout(timeout);
		this.web = builder.clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	@Override
	public Mono<Void> download(Node seed, DownloadRequest request) {
		return web.post().uri(seed.url() + "/api/v1/downloads").bodyValue(request).retrieve().toBodilessEntity()
			.timeout(timeout).then();
	}

}
