/**
 * The daemon's circuit breaker registry: one family of breakers per remote kind (schedulers, parents,
 * origins), each contributed by its feature with the settings of its properties record.
 */
@NullMarked
package io.damselfly.peer.resilience;

import org.jspecify.annotations.NullMarked;
