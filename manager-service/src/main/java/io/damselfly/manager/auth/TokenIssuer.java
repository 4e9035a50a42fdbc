package io.damselfly.manager.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.damselfly.common.auth.TokenGrant;
import io.damselfly.common.auth.TokenRequest;
import io.damselfly.service.security.Role;
import io.damselfly.service.security.ServiceSecurityAutoConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Checks a secret against the one of the role asked for (in constant time) and signs a token naming
 * that role. The {@code manager} role is never handed out: only a manager mints its own.
 */
public class TokenIssuer {

	private final SigningKey key;

	private final IssuerProperties properties;

	private final Clock clock;

	private final ECDSASigner signer;

	public TokenIssuer(SigningKey key, IssuerProperties properties, Clock clock) {
		this.key = key;
		this.properties = properties;
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(key.privateJwk());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign with the manager's key: " + ex.getMessage(), ex);
		}
	}

	/** A token for the role asked, or empty when the secret is not that role's. */
	public Optional<TokenGrant> grant(TokenRequest request) {
		Role role = Role.of(request.role());
		String expected = secretOf(role);
		if (expected == null || expected.isBlank() || !MessageDigest.isEqual(
				expected.trim().getBytes(StandardCharsets.UTF_8), request.secret().trim().getBytes(StandardCharsets.UTF_8))) {
			return Optional.empty();
		}
		Duration lifetime = (role == Role.ADMIN) ? properties.adminTokenLifetime() : properties.tokenLifetime();
		String subject = (request.subject() != null) ? request.subject() : role.id();
		return Optional.of(issue(role, subject, lifetime));
	}

	/** Signs a token; no secret checked, so only for the manager's own calls. */
	public TokenGrant issue(Role role, String subject, Duration lifetime) {
		Instant now = clock.instant();
		Instant expires = now.plus(lifetime);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ServiceSecurityAutoConfiguration.ISSUER)
			.subject(subject).claim("role", role.id()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.keyID(key.publicJwk().getKeyID()).build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign a token: " + ex.getMessage(), ex);
		}
		return new TokenGrant(jwt.serialize(), role.id(), expires);
	}

	private @Nullable String secretOf(Role role) {
		return switch (role) {
			case ADMIN -> properties.adminSecret();
			case SCHEDULER -> properties.schedulerSecret();
			case SEED -> properties.seedSecret();
			case PEER -> properties.peerSecret();
			case GATEWAY -> properties.gatewaySecret();
			case MANAGER -> null;
		};
	}

}
