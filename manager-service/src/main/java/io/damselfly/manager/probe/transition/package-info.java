/**
 * Node state transitions driven by the probe breakers: which stored state a breaker state means, and the
 * event published on Redis when a node changes state. The rules are plain classes, testable without
 * Spring or Redis.
 */
@NullMarked
package io.damselfly.manager.probe.transition;

import org.jspecify.annotations.NullMarked;
