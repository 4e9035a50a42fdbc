/**
 * Task state as the scheduler reports it.
 */
@NullMarked
package io.damselfly.common.task;

import org.jspecify.annotations.NullMarked;
