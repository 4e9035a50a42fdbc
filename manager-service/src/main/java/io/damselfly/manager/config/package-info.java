/**
 * Application-wide wiring of the manager: the clock and the Redis stores of the registry and the cluster
 * config. Each feature keeps its own property records and wiring beside it (probe, job, registry).
 */
@NullMarked
package io.damselfly.manager.config;

import org.jspecify.annotations.NullMarked;
