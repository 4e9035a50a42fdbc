/** Tests of io.damselfly.scheduler.api. */
@NullMarked
package io.damselfly.scheduler.api;

import org.jspecify.annotations.NullMarked;
