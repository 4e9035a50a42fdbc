/**
 * The scheduler service (docs/architecture.md#scheduling): decides, for each peer of a task, which parents to download from, or whether to wait, trigger a seed, go back to source or fail. All state lives in Redis.
 */
@NullMarked
package io.damselfly.scheduler;

import org.jspecify.annotations.NullMarked;
