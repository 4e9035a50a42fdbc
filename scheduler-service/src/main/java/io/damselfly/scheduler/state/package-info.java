/**
 * Storage of tasks, peers and hosts behind repositories, with the Redis implementation and its Lua scripts.
 */
@NullMarked
package io.damselfly.scheduler.state;

import org.jspecify.annotations.NullMarked;
