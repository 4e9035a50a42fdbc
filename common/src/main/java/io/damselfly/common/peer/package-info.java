/**
 * Peer registration and piece-result reports sent by peer daemons to the scheduler.
 */
@NullMarked
package io.damselfly.common.peer;

import org.jspecify.annotations.NullMarked;
