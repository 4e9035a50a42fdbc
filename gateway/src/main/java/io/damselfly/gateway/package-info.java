/**
 * The Damselfly gateway: one entry point in front of the manager and the scheduler pool (DESIGN §2).
 */
@NullMarked
package io.damselfly.gateway;

import org.jspecify.annotations.NullMarked;
