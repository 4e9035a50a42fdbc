package io.damselfly.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resolver as the gateway runs it: the caller from the security context Spring Security puts in the
 * Reactor context, the address from the connection, and {@code X-Forwarded-For} ignored.
 */
class CallerKeyResolverTests {

	private final CallerKeyResolver resolver = new CallerKeyResolver();

	@Test
	void aVerifiedTokenGivesTheRoleAndSubject() {
		MockServerWebExchange exchange = exchange();
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "ES256").subject("host-7").claim("role", "peer").build();
		JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt,
				List.of(new SimpleGrantedAuthority("ROLE_peer")));

		String key = resolver.resolve(exchange)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication))
			.block(Duration.ofSeconds(1));

		assertThat(key).isEqualTo("caller:peer:host-7");
		assertThat((String) exchange.getAttribute(CallerKeyResolver.KEY_ATTRIBUTE)).isEqualTo(key);
	}

	@Test
	void anAnonymousCallGivesTheConnectionsAddressNotTheForwardedOne() {
		MockServerWebExchange exchange = exchange();

		String key = resolver.resolve(exchange).block(Duration.ofSeconds(1));

		assertThat(key).isEqualTo("address:192.0.2.7");
	}

	@Test
	void theKeyIsNeverEmpty() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/nodes"));

		assertThat(resolver.resolve(exchange).contextWrite(ReactiveSecurityContextHolder.clearContext())
			.switchIfEmpty(Mono.just("empty")).block(Duration.ofSeconds(1)))
			.isEqualTo(RateLimitKeys.UNKNOWN_ADDRESS);
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/nodes")
			.remoteAddress(new InetSocketAddress("192.0.2.7", 40123))
			.header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=203.0.113.9"));
	}

}
