/**
 * Talking to schedulers: discovery through the manager, failover between schedulers, host announce.
 */
@NullMarked
package io.damselfly.peer.scheduler;

import org.jspecify.annotations.NullMarked;
