/**
 * Micrometer meters of DESIGN §4.
 */
@NullMarked
package io.damselfly.scheduler.metrics;

import org.jspecify.annotations.NullMarked;
