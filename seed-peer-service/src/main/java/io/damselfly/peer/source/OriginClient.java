package io.damselfly.peer.source;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.damselfly.peer.storage.PieceSource;
import io.damselfly.peer.transfer.HttpBodyStream;
import io.damselfly.peer.transfer.KeptConnections;
import io.damselfly.peer.transfer.KeptConnections.Address;

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
 * a redirect or any other non-2xx answer is an error, never content. Bodies are streamed, never collected.
 * <p>
 * A piece's Range request is first tried on a kept-alive blocking connection ({@link #rangeBody}), read by
 * the thread that hashes and writes it, as pieces from parents are; an answer that needs more than that
 * client does (a redirect to follow, a body without a length, an encoded body) is
 * {@link #needsReactive}, and the piece is then fetched again through the reactive {@link #range}.
 */
public class OriginClient implements AutoCloseable {

	private final WebClient web;

	private final Redirects redirects;

	private final @Nullable KeptConnections connections;

	private final Duration timeout;

	/**
	 * What the origin says about the content.
	 *
	 * @param contentLength bytes, -1 when it does not say
	 * @param acceptsRanges whether it advertises {@code Accept-Ranges: bytes}
	 */
	public record OriginInfo(long contentLength, boolean acceptsRanges) {
	}

	/** A client whose Range requests all go through the reactive client. */
	public OriginClient(WebClient web, Redirects redirects) {
		this(web, redirects, null, Duration.ofSeconds(30));
	}

	/**
	 * @param web a client that does not follow redirects itself (reactor-netty's default)
	 * @param connections the kept-alive connections for {@link #rangeBody}, or null to use {@code web} only
	 * @param timeout how long a blocking Range request may wait for its answer, or between two reads
	 */
	public OriginClient(WebClient web, Redirects redirects, @Nullable KeptConnections connections,
			Duration timeout) {
		this.web = web;
		this.redirects = redirects;
		this.connections = connections;
		this.timeout = timeout;
	}

	/**
	 * Bytes {@code from} to {@code to} inclusive from where the target's redirects last led, on a kept-alive
	 * connection, not yet requested: the request goes out on the first read, by the thread that reads it.
	 * Answers: a 206 of exactly that length is the content; a 200 fails with {@link RangeIgnoredException};
	 * a 4xx or 5xx with the {@link WebClientResponseException} the reactive client would raise; a redirect,
	 * a 206 without a length or with an encoding fails {@link #needsReactive}. Without kept-alive
	 * connections, every request {@link #needsReactive}.
	 */
	public Mono<PieceSource> rangeBody(OriginTarget target, long from, long to) {
		return Mono.fromCallable(() -> {
			KeptConnections kept = connections;
			if (kept == null || target.reactiveOnly()) {
				throw new NeedsReactiveException("Range requests of this fetch go through the reactive client");
			}
			URI url = target.resolved();
			Address address = Address.of(url, "origin URL");
			// The caller's headers were checked when the download was asked for; checked again here, as the
			// request is written by hand: the headers this client frames itself are dropped, never sent twice.
			Map<String, String> headers = OriginHeaders.sanitize(target.headersFor(url));
			if (headers.keySet().stream().noneMatch("user-agent"::equalsIgnoreCase)) {
				headers.put("User-Agent", "damselfly-peer");
			}
			headers.put("Range", "bytes=" + from + "-" + to);
			String path = ((url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath())
					+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
			return (PieceSource) new HttpBodyStream(kept, address, HttpBodyStream.get(path, address.hostHeader(), headers),
					timeout, new RangeAnswers(from, to, url.equals(target.url())));
		});
	}

	/** Closes the kept-alive connections idle longer than their idle timeout; returns how many. */
	public int sweepIdle() {
		KeptConnections kept = connections;
		return (kept != null) ? kept.sweep() : 0;
	}

	/** Closes every idle kept-alive connection; later blocking requests fail and go through the reactive client. */
	@Override
	public void close() {
		KeptConnections kept = connections;
		if (kept != null) {
			kept.close();
		}
	}

	/** Whether a {@link #rangeBody} failed only because its answer needs the reactive client. */
	public static boolean needsReactive(Throwable ex) {
		return ex instanceof NeedsReactiveException;
	}

	/**
	 * Whether the rest of a fetch should skip the blocking client after {@code ex}: yes, unless the first
	 * URL redirected. Then the reactive client follows the redirect and records where it led, and the next
	 * pieces go to that URL on kept-alive connections (a registry's blob URL that redirects to a CDN);
	 * only a URL reached by a redirect that redirects again sends the whole fetch to the reactive client.
	 */
	public static boolean staysReactive(Throwable ex) {
		return !(ex instanceof NeedsReactiveException needs && needs.firstUrlRedirected);
	}

	/** The answer needs the reactive client: nothing of the piece was written. */
	static final class NeedsReactiveException extends IOException {

		final boolean firstUrlRedirected;

		NeedsReactiveException(String message) {
			this(message, false);
		}

		NeedsReactiveException(String message, boolean firstUrlRedirected) {
			super(message);
			this.firstUrlRedirected = firstUrlRedirected;
		}

	}

	/** How a blocking Range request's answers are judged. */
	/** @param firstUrl whether the request went to the URL asked for, not to where a redirect led */
	private record RangeAnswers(long from, long to, boolean firstUrl) implements HttpBodyStream.Answers {

		@Override
		public int contentStatus() {
			return HttpStatus.PARTIAL_CONTENT.value();
		}

		@Override
		public @Nullable Exception refuseContent(HttpBodyStream.Head head) {
			String encoding = head.headers().getFirst(HttpHeaders.CONTENT_ENCODING);
			if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
				return new NeedsReactiveException("the origin sent the range with Content-Encoding " + encoding);
			}
			long expected = to - from + 1;
			if (head.contentLength() != expected) {
				return new IOException("the origin answered a Range request for bytes " + from + "-" + to + " with "
						+ head.contentLength() + " bytes, expected " + expected);
			}
			String range = head.headers().getFirst(HttpHeaders.CONTENT_RANGE);
			if (range != null && !range.replace(" ", "").startsWith("bytes" + from + "-" + to + "/")) {
				return new IOException("the origin answered a Range request for bytes " + from + "-" + to
						+ " with Content-Range '" + HttpBodyStream.describe(range.getBytes(StandardCharsets.ISO_8859_1))
						+ "'");
			}
			return null;
		}

		@Override
		public Exception unframed(HttpBodyStream.Head head) {
			return new NeedsReactiveException("the origin sent the range without a Content-Length");
		}

		@Override
		public Exception refused(HttpBodyStream.Head head, byte[] body) {
			if (Redirects.isRedirect(head.status())) {
				return new NeedsReactiveException("the origin redirected a Range request (" + head.status() + ")",
						firstUrl);
			}
			if (head.status() >= 200 && head.status() < 300) {
				return new RangeIgnoredException("origin answered " + head.status() + " to a Range request");
			}
			return WebClientResponseException.create(head.status(), head.reason(),
					head.headers(), body, null);
		}

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
