package io.damselfly.peer.source;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The client of origins: a HEAD probe, ranged GETs for single pieces, and one streamed GET. Bodies are
 * streamed as buffers, never collected.
 */
public class OriginClient {

	private final WebClient web;

	/**
	 * What the origin says about the content.
	 *
	 * @param contentLength bytes, -1 when it does not say
	 * @param acceptsRanges whether it advertises {@code Accept-Ranges: bytes}
	 */
	public record OriginInfo(long contentLength, boolean acceptsRanges) {
	}

	public OriginClient(WebClient web) {
		this.web = web;
	}

	/** HEAD; an origin that refuses HEAD (405, 501) is described as "length unknown, no ranges". */
	public Mono<OriginInfo> probe(URI url, Map<String, String> headers) {
		return web.head().uri(url).headers((h) -> headers.forEach(h::set)).retrieve().toBodilessEntity()
			.map((entity) -> info(entity.getHeaders()))
			.onErrorResume(WebClientResponseException.class, (ex) -> {
				int status = ex.getStatusCode().value();
				if (status == HttpStatus.METHOD_NOT_ALLOWED.value() || status == HttpStatus.NOT_IMPLEMENTED.value()) {
					return Mono.just(new OriginInfo(-1, false));
				}
				return Mono.error(ex);
			});
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
	public Flux<DataBuffer> range(URI url, Map<String, String> headers, long from, long to) {
		return web.get().uri(url).headers((h) -> {
			headers.forEach(h::set);
			h.set(HttpHeaders.RANGE, "bytes=" + from + "-" + to);
		}).exchangeToFlux((response) -> {
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

	/** The whole content as one stream, with its headers. */
	public Mono<ResponseEntity<Flux<DataBuffer>>> stream(URI url, Map<String, String> headers) {
		return web.get().uri(url).headers((h) -> headers.forEach(h::set)).retrieve().toEntityFlux(DataBuffer.class);
	}

	/** The content length of a streamed answer, -1 when unknown or encoded. */
	public static long lengthOf(@Nullable HttpHeaders headers) {
		return (headers != null) ? info(headers).contentLength() : -1;
	}

}
