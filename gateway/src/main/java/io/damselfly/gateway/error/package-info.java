/**
 * How a routed call that failed inside the gateway (open breaker, timeout, unreachable upstream) becomes
 * an RFC 9457 problem.
 */
@NullMarked
package io.damselfly.gateway.error;

import org.jspecify.annotations.NullMarked;
