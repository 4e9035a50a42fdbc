/** Tests of the Redis scripts against their Java models. */
@NullMarked
package io.damselfly.scheduler.state;

import org.jspecify.annotations.NullMarked;
