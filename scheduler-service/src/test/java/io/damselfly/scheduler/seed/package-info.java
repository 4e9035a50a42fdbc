/** Tests of io.damselfly.scheduler.seed. */
@NullMarked
package io.damselfly.scheduler.seed;

import org.jspecify.annotations.NullMarked;
