package io.damselfly.peer.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends a request straight to its upstream and streams the answer back as it came: status, headers
 * (bar the connection's own) and body. Redirects are the client's to follow; a 401 goes back with its
 * {@code WWW-Authenticate}, so the runtime does its own token dance.
 */
final class PassThrough {

	private final WebClient web;

	/** @param web a client that neither follows redirects nor decompresses */
	PassThrough(WebClient web) {
		this.web = web;
	}

	/** What a request to the upstream is made of. */
	record Request(String method, java.net.URI target, HttpHeaders headers, byte[] body) {
	}

	/** Forwards the request; errors before the answer's head (no connection, timeout) come to {@code outcome}. */
	void forward(Channel channel, Request request, boolean keepAlive, ResponseWriter.Outcome outcome) {
		HttpMethod method = HttpMethod.valueOf(request.method());
		WebClient.RequestBodySpec spec = web.method(method).uri(request.target()).headers((h) -> {
			for (var entry : request.headers()) {
				if (Hops.forwardRequestHeader(entry.getKey())) {
					h.add(entry.getKey(), entry.getValue());
				}
			}
		});
		WebClient.RequestHeadersSpec<?> withBody = (request.body().length > 0) ? spec.bodyValue(request.body()) : spec;
		withBody.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntityFlux(DataBuffer.class)
			.subscribe((entity) -> {
				HttpHeaders headers = new DefaultHttpHeaders();
				entity.getHeaders().forEach((name, values) -> {
					if (Hops.forwardResponseHeader(name)) {
						headers.add(name, values);
					}
				});
				int status = entity.getStatusCode().value();
				boolean bodyless = method == HttpMethod.HEAD || status == 204 || status == 304
						|| (status >= 100 && status < 200);
				var body = (entity.getBody() != null) ? entity.getBody() : reactor.core.publisher.Flux.<DataBuffer>empty();
				ResponseWriter.write(channel, status, headers, body, bodyless, keepAlive, outcome);
			}, (error) -> outcome.ended(502, error, false));
	}

}
