/** Tests of io.damselfly.scheduler.config. */
@NullMarked
package io.damselfly.scheduler.config;

import org.jspecify.annotations.NullMarked;
