/**
 * The manager signs every token of the cluster (docs/architecture.md#trust-and-security): it trades a
 * secret for a short-lived ES256 JWT naming one role, and publishes the public key so every service
 * verifies tokens locally. Only managers hold the private key, so no node can mint a token.
 */
@NullMarked
package io.damselfly.manager.auth;

import org.jspecify.annotations.NullMarked;
