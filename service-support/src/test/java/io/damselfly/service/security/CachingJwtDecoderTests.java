package io.damselfly.service.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.testsupport.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is checked once until it expires; a refused one is checked every time. */
class CachingJwtDecoderTests {

	private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(start);

	private final AtomicInteger checks = new AtomicInteger();

	private final CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> {
		checks.incrementAndGet();
		if (token.startsWith("bad")) {
			return Mono.error(new BadJwtException("bad signature"));
		}
		return Mono.just(Jwt.withTokenValue(token).header("alg", "ES256").claim("role", "peer")
			.issuedAt(start).expiresAt(start.plus(Duration.ofMinutes(15))).build());
	}, clock, 2);

	@Test
	void aVerifiedTokenIsCheckedOnceUntilItExpires() {
		assertThat(decoder.decode("good").block().getClaimAsString("role")).isEqualTo("peer");
		assertThat(decoder.decode("good").block().getTokenValue()).isEqualTo("good");
		assertThat(checks).hasValue(1);

		clock.advance(Duration.ofMinutes(15));
		decoder.decode("good").block();
		assertThat(checks).as("an expired token goes through the full check again").hasValue(2);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> decoder.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
		}
		assertThat(checks).hasValue(2);
	}

	@Test
	void theCacheIsBounded() {
		decoder.decode("good-1").block();
		decoder.decode("good-2").block();
		decoder.decode("good-3").block();
		decoder.decode("good-1").block();
		assertThat(checks).as("full at 2: cleared before the third, so the first is checked again").hasValue(4);
	}

}
