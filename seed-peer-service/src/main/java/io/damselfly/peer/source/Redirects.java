package io.damselfly.peer.source;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The one place that decides where an origin redirect goes (docs/architecture.md#registry-mirror-and-proxy):
 * which statuses are followed, how many hops, how a {@code Location} resolves, which headers survive a
 * hop that leaves the origin, and the per-target check (the origin policy plugs in through
 * {@link TargetPolicy}). Every origin fetch, seeds and back-to-source peers alike, goes through it.
 */
public final class Redirects {

	/** The most redirects one request follows. */
	public static final int MAX_HOPS = 5;

	private static final Set<Integer> FOLLOWED = Set.of(301, 302, 303, 307, 308);

	/** Credentials that never leave the origin they were given for. */
	private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

	/** Checks each redirect target before it is connected to; refuses with an error. */
	@FunctionalInterface
	public interface TargetPolicy {

		Mono<Void> check(URI target);

		/** Allows every http(s) target (the connect-time origin policy still applies). */
		static TargetPolicy allowAll() {
			return (target) -> Mono.empty();
		}

	}

	private final TargetPolicy policy;

	public Redirects(TargetPolicy policy) {
		this.policy = policy;
	}

	public static boolean isRedirect(int status) {
		return FOLLOWED.contains(status);
	}

	/**
	 * The next hop of a redirect answered by {@code from}.
	 * @param visited the URLs requested so far, the first one first
	 * @return the target, once the policy accepted it
	 * @throws OriginRedirectException (as the Mono's error) for a missing or bad Location, a loop, or too many hops
	 */
	public Mono<URI> next(List<URI> visited, int status, @Nullable String location) {
		URI from = visited.get(visited.size() - 1);
		if (location == null || location.isBlank()) {
			return Mono.error(new OriginRedirectException(status, from + " answered " + status + " without a Location"));
		}
		URI target;
		try {
			target = from.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(new OriginRedirectException(status, from + " answered " + status
					+ " with a Location that is not a URI: " + ex.getMessage()));
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
			return Mono.error(new OriginRedirectException(status, from + " redirected to " + target
					+ ", which is not an http(s) URL with a host"));
		}
		if (visited.contains(target)) {
			return Mono.error(new OriginRedirectException(status, "redirect loop: " + chain(visited) + " -> " + target));
		}
		if (visited.size() > MAX_HOPS) {
			return Mono.error(new OriginRedirectException(status, "more than " + MAX_HOPS + " redirects: "
					+ chain(visited) + " -> " + target));
		}
		return policy.check(target).thenReturn(target);
	}

	/**
	 * The headers to send to {@code target} of a request first sent to {@code origin} with {@code headers}:
	 * all of them on the same origin (scheme, host and port), none of the credentials elsewhere.
	 */
	public static Map<String, String> headersFor(URI origin, URI target, Map<String, String> headers) {
		if (sameOrigin(origin, target)) {
			return headers;
		}
		Map<String, String> kept = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (!CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
				kept.put(name, value);
			}
		});
		return kept;
	}

	static boolean sameOrigin(URI a, URI b) {
		return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
				&& Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
	}

	private static @Nullable String lower(@Nullable String s) {
		return (s != null) ? s.toLowerCase(Locale.ROOT) : null;
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String chain(List<URI> visited) {
		return String.join(" -> ", visited.stream().map(URI::toString).toList());
	}

}
