package io.damselfly.manager.auth;

import java.util.Map;

import io.damselfly.common.auth.TokenGrant;
import io.damselfly.common.auth.TokenRequest;
import io.damselfly.common.error.ProblemTypes;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/token} trades a secret for a token; {@code GET /api/v1/auth/jwks} serves the
 * public key every service verifies tokens with. Both are open: the first checks the secret itself,
 * the second holds nothing secret.
 */
@RestController
public class AuthController {

	private final TokenIssuer issuer;

	private final SigningKey key;

	public AuthController(TokenIssuer issuer, SigningKey key) {
		this.issuer = issuer;
		this.key = key;
	}

	@PostMapping("/api/v1/auth/token")
	public Mono<TokenGrant> token(@Valid @RequestBody TokenRequest request) {
		return Mono.justOrEmpty(issuer.grant(request)).switchIfEmpty(Mono.error(() -> new ApiException(
				HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "wrong secret for role " + request.role())));
	}

	@GetMapping("/api/v1/auth/jwks")
	public Map<String, Object> jwks() {
		return key.publicSet().toJSONObject(true);
	}

}
