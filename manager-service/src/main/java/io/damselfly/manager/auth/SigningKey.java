package io.damselfly.manager.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manager's ES256 key pair, as a JWK whose key id is its RFC 7638 thumbprint. */
public final class SigningKey {

	private static final Logger logger = LoggerFactory.getLogger(SigningKey.class);

	private final ECKey key;

	private SigningKey(ECKey key) {
		this.key = key;
	}

	/** The configured key, or a fresh one when none is configured. */
	public static SigningKey from(IssuerProperties properties) {
		try {
			KeyPair pair;
			if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
				if (properties.publicKey() == null || properties.publicKey().isBlank()) {
					throw new IllegalStateException(
							"damselfly.security.issuer.signing-key is set but public-key is not: set both");
				}
				KeyFactory factory = KeyFactory.getInstance("EC");
				pair = new KeyPair(
						factory.generatePublic(new X509EncodedKeySpec(decode(properties.publicKey()))),
						factory.generatePrivate(new PKCS8EncodedKeySpec(decode(properties.signingKey()))));
			}
			else {
				logger.warn("No damselfly.security.issuer.signing-key: generated one; tokens die with this manager "
						+ "and a second manager could not verify them");
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp256r1"));
				pair = generator.generateKeyPair();
			}
			ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
				.privateKey((ECPrivateKey) pair.getPrivate()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
				.keyIDFromThumbprint().build();
			return new SigningKey(jwk);
		}
		catch (JOSEException | java.security.GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("cannot load the manager's signing key: " + ex.getMessage(), ex);
		}
	}

	private static byte[] decode(String base64) {
		return Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
	}

	ECKey privateJwk() {
		return key;
	}

	public ECKey publicJwk() {
		return key.toPublicJWK();
	}

	/** What {@code /api/v1/auth/jwks} serves: the public key only. */
	public JWKSet publicSet() {
		return new JWKSet(publicJwk());
	}

}
