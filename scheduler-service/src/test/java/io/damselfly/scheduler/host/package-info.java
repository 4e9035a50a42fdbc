/** Tests of io.damselfly.scheduler.host. */
@NullMarked
package io.damselfly.scheduler.host;

import org.jspecify.annotations.NullMarked;
