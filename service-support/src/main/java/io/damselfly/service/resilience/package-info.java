/**
 * Circuit breaker registries built one way in every service: settings from a properties record, one
 * logging policy for state transitions, Micrometer metrics, and idle breakers evicted so that one
 * breaker per remote party (origin, parent host, seed) stays bounded in number.
 */
@NullMarked
package io.damselfly.service.resilience;

import org.jspecify.annotations.NullMarked;
