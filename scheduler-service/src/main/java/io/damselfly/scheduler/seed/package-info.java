/**
 * Seed peers: the manager's list of active seeds, consistent hashing of a task onto one seed, and the trigger call.
 */
@NullMarked
package io.damselfly.scheduler.seed;

import org.jspecify.annotations.NullMarked;
