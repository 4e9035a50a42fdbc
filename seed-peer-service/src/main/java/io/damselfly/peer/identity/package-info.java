/**
 * Who the daemon is: mode, host id, address and port, and the seed-mode defaults of node registration.
 */
@NullMarked
package io.damselfly.peer.identity;

import org.jspecify.annotations.NullMarked;
