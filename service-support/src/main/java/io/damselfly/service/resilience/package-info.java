/**
 * Circuit breaker registries built one way in every service: settings from a properties record, one
 * logging policy for state transitions, and Micrometer metrics.
 */
@NullMarked
package io.damselfly.service.resilience;

import org.jspecify.annotations.NullMarked;
