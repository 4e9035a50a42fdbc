package io.damselfly.peer.source;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectsTests {

	final Redirects redirects = new Redirects(Redirects.TargetPolicy.allowAll());

	@Test
	void relativeLocationResolvesAgainstTheLastUrl() {
		StepVerifier.create(redirects.next(List.of(URI.create("http://a.example/v2/x/blobs/1")), 307, "/store/1?sig=2"))
			.expectNext(URI.create("http://a.example/store/1?sig=2")).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void loopAndLongChainsAndMissingLocationFail() {
		List<URI> visited = List.of(URI.create("http://a.example/1"), URI.create("http://a.example/2"));
		StepVerifier.create(redirects.next(visited, 302, "/1"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(OriginRedirectException.class)
				.hasMessageContaining("redirect loop"))
			.verify(Duration.ofSeconds(5));
		List<URI> six = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			six.add(URI.create("http://a.example/" + i));
		}
		StepVerifier.create(redirects.next(six, 302, "/next")).expectErrorMessage(
				"origin answered 302: more than 5 redirects: " + String.join(" -> ", six.stream().map(URI::toString).toList())
						+ " -> http://a.example/next")
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(redirects.next(six.subList(0, 1), 301, null)).expectError(OriginRedirectException.class)
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(redirects.next(six.subList(0, 1), 301, "file:///etc/passwd"))
			.expectError(OriginRedirectException.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void targetPolicyIsAskedForEveryHop() {
		Redirects guarded = new Redirects((target) -> target.getHost().equals("169.254.169.254")
				? Mono.error(new OriginRedirectException(302, "refused " + target)) : Mono.empty());
		StepVerifier.create(guarded.next(List.of(URI.create("http://a.example/")), 302, "http://169.254.169.254/latest"))
			.expectErrorMessage("origin answered 302: refused http://169.254.169.254/latest").verify(Duration.ofSeconds(5));
	}

	@Test
	void credentialsStayOnTheirOrigin() {
		Map<String, String> headers = Map.of("Authorization", "Bearer t", "Cookie", "c=1", "User-Agent", "x");
		URI origin = URI.create("https://registry.example/v2/x/blobs/1");
		assertThat(Redirects.headersFor(origin, URI.create("https://registry.example:443/other"), headers))
			.isEqualTo(headers);
		assertThat(Redirects.headersFor(origin, URI.create("https://bucket.s3.example/x"), headers))
			.containsOnlyKeys("User-Agent");
		assertThat(Redirects.headersFor(origin, URI.create("http://registry.example/x"), headers))
			.containsOnlyKeys("User-Agent");
	}

}
