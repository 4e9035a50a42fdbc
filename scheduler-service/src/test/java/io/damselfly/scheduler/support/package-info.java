/** Test support: a real HTTP stand-in for the manager and seeds, and a typed client of the scheduler's API. */
@NullMarked
package io.damselfly.scheduler.support;

import org.jspecify.annotations.NullMarked;
