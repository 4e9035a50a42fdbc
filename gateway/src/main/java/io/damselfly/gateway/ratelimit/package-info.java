/**
 * The gateway's rate limit (docs/security.md#rate-limits): a token bucket per caller and route in Redis,
 * shared by every gateway replica, keyed by the verified caller or else the connection's address; a refused
 * call gets a 429 problem, and a Redis that does not answer lets calls through.
 */
@NullMarked
package io.damselfly.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
