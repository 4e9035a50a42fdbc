/** Tests of io.damselfly.scheduler.scheduling. */
@NullMarked
package io.damselfly.scheduler.scheduling;

import org.jspecify.annotations.NullMarked;
