/**
 * Scheduling decisions and their explanations.
 */
@NullMarked
package io.damselfly.common.schedule;

import org.jspecify.annotations.NullMarked;
