package io.damselfly.manager.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The secrets the manager trades for tokens, and its signing key. Set them through the environment
 * ({@code DAMSELFLY_SECURITY_ISSUER_ADMIN_SECRET}, {@code ..._SCHEDULER_SECRET}, {@code ..._SEED_SECRET},
 * {@code ..._PEER_SECRET}, {@code ..._GATEWAY_SECRET}, {@code ..._SIGNING_KEY}, {@code ..._PUBLIC_KEY}),
 * never on the command line. A kind without a secret gets no token. One secret per node kind, so a
 * peer's secret never buys a seed's or a scheduler's token.
 *
 * @param adminSecret the operator's secret
 * @param schedulerSecret join secret of schedulers
 * @param seedSecret join secret of seed peers
 * @param peerSecret join secret of normal peers
 * @param gatewaySecret the gateway's secret
 * @param signingKey the EC P-256 private key, base64 PKCS#8 DER; every manager of a cluster shares it.
 * Without one, a key is generated at start and tokens die with this manager
 * @param publicKey the matching public key, base64 X.509 DER (required with {@code signingKey})
 * @param tokenLifetime how long a node's token lasts (default 15 min)
 * @param adminTokenLifetime how long an admin token lasts (default 12 h); {@code ./damselfly up} makes it
 * outlive the cluster
 */
@Validated
@ConfigurationProperties("damselfly.security.issuer")
public record IssuerProperties(@Nullable String adminSecret, @Nullable String schedulerSecret,
		@Nullable String seedSecret, @Nullable String peerSecret, @Nullable String gatewaySecret,
		@Nullable String signingKey, @Nullable String publicKey, @DefaultValue("15m") Duration tokenLifetime,
		@DefaultValue("12h") Duration adminTokenLifetime) {
}
