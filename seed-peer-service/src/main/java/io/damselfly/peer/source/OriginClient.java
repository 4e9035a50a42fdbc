package io.damselfly.peer.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The client of origins: a HEAD probe, ranged GETs for single pieces, and one streamed GET. Every request
 * follows redirects through {@link Redirects} and remembers where they led in its {@link OriginTarget};
 * a redirect or any other non-2xx answer is an error, never content. Bodies are streamed as buffers,
 * never collected.
 */
public class OriginClient {

	private final WebClient web;

	private final Redirects redirects;

	/**
	 * What the origin says about the content.
	 *
	 * @param contentLength bytes, -1 when it does not say
	 * @param acceptsRanges whether it advertises {@code Accept-Ranges: bytes}
	 */
	public record OriginInfo(long contentLength, boolean acceptsRanges) {
	}

	/** @param web a client that does not follow redirects itself (reactor-netty's default) */
	public OriginClient(WebClient web, Redirects redirects) {
		this.web = web;
		this.redirects = redirects;
	}

	/** HEAD; an origin that refuses HEAD (405, 501) is described as "length unknown, no ranges". */
	public Mono<OriginInfo> probe(OriginTarget target) {
		return exchange(HttpMethod.HEAD, target, null, (response, url) -> {
			if (response.statusCode().is2xxSuccessful()) {
				return response.releaseBody().thenReturn(info(response.headers().asHttpHeaders()));
			}
			int status = response.statusCode().value();
			if (status == HttpStatus.METHOD_NOT_ALLOWED.value() || status == HttpStatus.NOT_IMPLEMENTED.value()) {
				return response.releaseBody().thenReturn(new OriginInfo(-1, false));
			}
			return response.createError();
		}).next();
	}

	static OriginInfo info(HttpHeaders headers) {
		String ranges = headers.getFirst(HttpHeaders.ACCEPT_RANGES);
		boolean bytes = ranges != null && ranges.toLowerCase(java.util.Locale.ROOT).contains("bytes");
		String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
		boolean identity = encoding == null || encoding.equalsIgnoreCase("identity");
		long length = identity ? headers.getContentLength() : -1;
		return new OriginInfo(length, bytes && identity && length >= 0);
	}

	/** Bytes {@code from} to {@code to} inclusive; a 200 answer (Range ignored) fails with {@link RangeIgnoredException}. */
	public Flux<DataBuffer> range(OriginTarget target, long from, long to) {
		return exchange(HttpMethod.GET, target, "bytes=" + from + "-" + to, (response, url) -> {
			if (response.statusCode().value() == HttpStatus.PARTIAL_CONTENT.value()) {
				return response.bodyToFlux(DataBuffer.class);
			}
			if (response.statusCode().is2xxSuccessful()) {
				return response.releaseBody().thenMany(Flux.error(new RangeIgnoredException(
						"origin answered " + response.statusCode().value() + " to a Range request")));
			}
			return response.createError().flux().cast(DataBuffer.class);
		});
	}

	/**
	 * The whole content as one stream, handed with its headers to {@code consumer}, which must consume the
	 * body within the publisher it returns: the exchange releases the body when that publisher ends. A
	 * non-2xx answer is an error.
	 */
	public <T> Mono<T> stream(OriginTarget target,
			java.util.function.Function<ResponseEntity<Flux<DataBuffer>>, Mono<T>> consumer) {
		return exchange(HttpMethod.GET, target, null, (response, url) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				return response.<T>createError();
			}
			Flux<DataBuffer> body = response.bodyToFlux(DataBuffer.class);
			return consumer.apply(new ResponseEntity<>(body, response.headers().asHttpHeaders(), response.statusCode()));
		}).next();
	}

	/**
	 * One request that follows redirects: from the target's last resolved URL, each hop checked by
	 * {@link Redirects}, the 3xx bodies released, and the handler given the first answer that is not a
	 * followed redirect together with the URL that gave it.
	 */
	public <T> Flux<T> exchange(HttpMethod method, OriginTarget target, @Nullable String range,
			BiFunction<ClientResponse, URI, org.reactivestreams.Publisher<T>> handler) {
		return Flux.defer(() -> {
			List<URI> visited = new ArrayList<>();
			visited.add(target.resolved());
			return hop(method, target, range, visited, handler);
		});
	}

	private <T> Flux<T> hop(HttpMethod method, OriginTarget target, @Nullable String range, List<URI> visited,
			BiFunction<ClientResponse, URI, org.reactivestreams.Publisher<T>> handler) {
		URI url = visited.get(visited.size() - 1);
		return web.method(method).uri(url).headers((h) -> {
			target.headersFor(url).forEach(h::set);
			if (range != null) {
				h.set(HttpHeaders.RANGE, range);
			}
		}).exchangeToFlux((response) -> {
			int status = response.statusCode().value();
			if (Redirects.isRedirect(status)) {
				String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
				return response.releaseBody().then(redirects.next(visited, status, location)).flatMapMany((next) -> {
					visited.add(next);
					return hop(method, target, range, visited, handler);
				});
			}
			target.resolvedTo(url);
			return Flux.from(handler.apply(response, url));
		});
	}

	/** The content length of a streamed answer, -1 when unknown or encoded. */
	public static long lengthOf(@Nullable HttpHeaders headers) {
		return (headers != null) ? info(headers).contentLength() : -1;
	}

	/** The origin's status in an error, or 0 when the error is not an answer of the origin. */
	public static int statusOf(Throwable ex) {
		if (ex instanceof WebClientResponseException response) {
			return response.getStatusCode().value();
		}
		return (ex instanceof OriginRedirectException redirect) ? redirect.status() : 0;
	}

}
