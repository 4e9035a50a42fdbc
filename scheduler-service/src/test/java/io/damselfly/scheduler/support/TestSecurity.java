package io.damselfly.scheduler.support;

import io.damselfly.testsupport.security.TestTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Security stays on in the scheduler's tests: the scheduler verifies tokens signed by
 * {@link TestTokens} (standing in for the manager's key) and asks the manager stand-in for its own.
 */
public final class TestSecurity {

	private TestSecurity() {
	}

	/** The static token the tests' Prometheus scrapes carry. */
	public static final String SCRAPE_TOKEN = "test-scrape-token";

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("damselfly.security.metrics-token", () -> SCRAPE_TOKEN);
		registry.add("damselfly.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
		registry.add("damselfly.security.join-secret", () -> "test-scheduler-secret");
	}

	/** Command-line form of {@link #register}, for schedulers started with SpringApplicationBuilder. */
	public static String[] arguments() {
		return new String[] { "--damselfly.security.metrics-token=" + SCRAPE_TOKEN,
				"--damselfly.security.jwk-set-uri=" + TestTokens.shared().jwkSetUri(),
				"--damselfly.security.join-secret=test-scheduler-secret" };
	}

	/** The client as an operator's: every call carries an admin token. */
	public static WebTestClient admin(WebTestClient web) {
		return as(web, "admin");
	}

	public static WebTestClient as(WebTestClient web, String role) {
		return web.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.shared().bearer(role)).build();
	}

	/** The client as a host's: its tokens name the host id, as a peer's or seed's do. */
	public static WebTestClient as(WebTestClient web, String role, String hostId) {
		return web.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestTokens.shared().token(role, hostId, java.time.Duration.ofMinutes(30)))
			.build();
	}

}
