/**
 * Micrometer meters of docs/architecture.md#scheduling.
 */
@NullMarked
package io.damselfly.scheduler.metrics;

import org.jspecify.annotations.NullMarked;
