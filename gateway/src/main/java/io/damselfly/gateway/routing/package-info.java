/**
 * The gateway's routes: manager paths to the manager, scheduler paths load-balanced over the active schedulers.
 */
@NullMarked
package io.damselfly.gateway.routing;

import org.jspecify.annotations.NullMarked;
