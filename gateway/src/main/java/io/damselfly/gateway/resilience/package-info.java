/**
 * Route circuit breakers and timeouts (DESIGN §5, gateway → services).
 */
@NullMarked
package io.damselfly.gateway.resilience;

import org.jspecify.annotations.NullMarked;
