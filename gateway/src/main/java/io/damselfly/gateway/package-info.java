/**
 * The Damselfly gateway: one entry point in front of the manager and the scheduler pool (docs/architecture.md#components).
 */
@NullMarked
package io.damselfly.gateway;

import org.jspecify.annotations.NullMarked;
