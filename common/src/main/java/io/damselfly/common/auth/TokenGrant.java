package io.damselfly.common.auth;

import java.time.Instant;

/**
 * A signed token and when it stops being valid.
 *
 * @param token the compact JWT, sent as {@code Authorization: Bearer <token>}
 * @param role the role it names
 * @param expiresAt when it expires
 */
public record TokenGrant(String token, String role, Instant expiresAt) {
}
