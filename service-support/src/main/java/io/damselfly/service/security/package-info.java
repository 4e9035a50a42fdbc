/**
 * Identity on every control-plane call (docs/architecture.md#trust-and-security): each service is an
 * OAuth2 resource server that verifies the manager's ES256 tokens locally with its public key, maps
 * the {@code role} claim to authorities, answers 401/403 with problem details, and carries its own
 * token on the calls it makes.
 */
@NullMarked
package io.damselfly.service.security;

import org.jspecify.annotations.NullMarked;
