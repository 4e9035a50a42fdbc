/**
 * Micrometer meters of the peer daemon.
 */
@NullMarked
package io.damselfly.peer.metrics;

import org.jspecify.annotations.NullMarked;
