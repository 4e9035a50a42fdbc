package io.damselfly.peer.freshness;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.damselfly.peer.transfer.Failures;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one cheap question a download asks the origin before it joins a task, with the request's own
 * headers (docs/architecture.md#trust-and-security): a {@code HEAD}, conditional ({@code If-None-Match},
 * else {@code If-Modified-Since}) when a generation is known; when the origin refuses HEAD (405, 501,
 * or 403 as URLs signed for GET answer) a one-byte ranged {@code GET} instead. Its answer says both
 * whether the content is still the known generation and whether the origin accepts this caller, so
 * the private-content check uses it too. Never retried: one request per download.
 */
public class OriginQuestion {

	private final WebClient web;

	private final Duration timeout;

	public OriginQuestion(WebClient web, Duration timeout) {
		this.web = web;
		this.timeout = timeout;
	}

	/**
	 * Asks the origin about the content at {@code url}.
	 * @param knownValidator the validator of the generation this peer knows, or null
	 */
	public Mono<OriginAnswer> ask(URI url, Map<String, String> headers, @Nullable String knownValidator) {
		return exchange(HttpMethod.HEAD, url, headers, knownValidator).flatMap((answer) -> {
			if (answer instanceof OriginAnswer.Refused r && (r.status() == 405 || r.status() == 501 || r.status() == 403)) {
				return exchange(HttpMethod.GET, url, headers, knownValidator);
			}
			return Mono.just(answer);
		})
			.timeout(timeout)
			// Unreachable, not failed: the caller decides whether a known generation may be served stale.
			.onErrorResume(WebClientRequestException.class,
					(ex) -> Mono.just(new OriginAnswer.Unreachable(Failures.describe(ex))))
			.onErrorResume(TimeoutException.class,
					(ex) -> Mono.just(new OriginAnswer.Unreachable("no answer within " + timeout.toMillis() + " ms")));
	}

	private Mono<OriginAnswer> exchange(HttpMethod method, URI url, Map<String, String> headers,
			@Nullable String known) {
		return web.method(method).uri(url).headers((h) -> {
			headers.forEach(h::set);
			conditional(h, known);
			if (method == HttpMethod.GET) {
				h.set(HttpHeaders.RANGE, "bytes=0-0");
			}
		}).exchangeToMono((response) -> response.releaseBody().thenReturn(answer(response)));
	}

	static void conditional(HttpHeaders h, @Nullable String known) {
		if (known == null) {
			return;
		}
		if (known.startsWith(Validators.ETAG)) {
			h.set(HttpHeaders.IF_NONE_MATCH, known.substring(Validators.ETAG.length()));
		}
		else if (known.startsWith(Validators.LAST_MODIFIED)) {
			h.set(HttpHeaders.IF_MODIFIED_SINCE, known.substring(Validators.LAST_MODIFIED.length()));
		}
	}

	private static OriginAnswer answer(ClientResponse response) {
		int status = response.statusCode().value();
		if (status == 304) {
			return new OriginAnswer.Same();
		}
		if (response.statusCode().is2xxSuccessful()) {
			return new OriginAnswer.Current(Validators.of(response.headers().asHttpHeaders(), status));
		}
		if (status == 429 || response.statusCode().is5xxServerError()) {
			return new OriginAnswer.Unreachable("origin answered " + status);
		}
		return new OriginAnswer.Refused(status, "origin answered " + status + " to the revalidation request");
	}

}
