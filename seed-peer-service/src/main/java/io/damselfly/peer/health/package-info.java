/**
 * Readiness health of the peer daemon (disk space, disk I/O, write failures) and the snapshot it announces.
 */
@NullMarked
package io.damselfly.peer.health;

import org.jspecify.annotations.NullMarked;
