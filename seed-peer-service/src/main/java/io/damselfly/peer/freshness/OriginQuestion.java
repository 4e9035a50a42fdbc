package io.damselfly.peer.freshness;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.damselfly.peer.source.OriginAddressRefusedException;
import io.damselfly.peer.source.OriginClient;
import io.damselfly.peer.source.OriginRedirectException;
import io.damselfly.peer.source.OriginTarget;
import io.damselfly.peer.transfer.Failures;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientResponse;
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

	private final OriginClient origin;

	private final Duration timeout;

	/**
	 * @param origin the origin client, so the question follows redirects under the same policy as the
	 * fetch itself (hop limit, loops, credentials dropped off-origin)
	 */
	public OriginQuestion(OriginClient origin, Duration timeout) {
		this.origin = origin;
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
			// An address the origin policy refuses is the caller's bad URL (400), never "unreachable": no
			// stale copy is served for it.
			.onErrorMap(OriginAddressRefusedException::isRefusal,
					(ex) -> new IllegalArgumentException(OriginAddressRefusedException.describe(ex), ex))
			// Unreachable, not failed: the caller decides whether a known generation may be served stale.
			.onErrorResume(WebClientRequestException.class,
					(ex) -> Mono.just(new OriginAnswer.Unreachable(Failures.describe(ex))))
			// A redirect the policy refuses (loop, too many hops, no Location) gives no validator; the fetch
			// meets the same refusal and fails the download with the origin's status in its error.
			.onErrorResume(OriginRedirectException.class, (ex) -> Mono.just(new OriginAnswer.Current(null)))
			.onErrorResume(TimeoutException.class,
					(ex) -> Mono.just(new OriginAnswer.Unreachable("no answer within " + timeout.toMillis() + " ms")));
	}

	private Mono<OriginAnswer> exchange(HttpMethod method, URI url, Map<String, String> headers,
			@Nullable String known) {
		HttpHeaders request = new HttpHeaders();
		headers.forEach(request::set);
		conditional(request, known);
		Map<String, String> sent = new LinkedHashMap<>();
		request.forEach((name, values) -> sent.put(name, String.join(", ", values)));
		return origin.exchange(method, new OriginTarget(url, sent), (method == HttpMethod.GET) ? "bytes=0-0" : null,
				(response, at) -> response.releaseBody().thenReturn(answer(response)))
			.next();
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
