package io.damselfly.service.security;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this service proves who it is and checks who calls it (docs/architecture.md#trust-and-security).
 * Secrets come from the environment ({@code DAMSELFLY_SECURITY_JOIN_SECRET}) or a file, never from the
 * command line, where {@code ps} would show them.
 *
 * @param enabled whether calls need a token at all (default true); turn off only on a trusted bench
 * @param role the role this service asks the manager for ({@code scheduler}, {@code seed}, {@code peer},
 * {@code gateway}); the manager mints its own
 * @param joinSecret this node kind's join secret, usually from {@code DAMSELFLY_SECURITY_JOIN_SECRET}
 * @param joinSecretFile a file holding the join secret, read when {@code joinSecret} is not set
 * @param jwkSetUri where the manager's public keys are; default {@code <damselfly.manager.url>/api/v1/auth/jwks}
 * @param tokenUri where this service trades its secret for a token; default
 * {@code <damselfly.manager.url>/api/v1/auth/token}
 * @param metricsToken a static token Prometheus sends to {@code /actuator/prometheus} (it cannot refresh a
 * short-lived one); none means the endpoint refuses every scrape
 * @param refreshBefore how long before expiry a token is renewed (default 1 min)
 */
@Validated
@ConfigurationProperties("damselfly.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @Nullable String role,
		@Nullable String joinSecret, @Nullable String joinSecretFile, @Nullable URI jwkSetUri, @Nullable URI tokenUri,
		@Nullable String metricsToken, @DefaultValue("1m") Duration refreshBefore) {
}
