/**
 * Route circuit breakers and timeouts (docs/architecture.md#failure-detection-and-ejection, gateway → services).
 */
@NullMarked
package io.damselfly.gateway.resilience;

import org.jspecify.annotations.NullMarked;
