/**
 * Fetching pieces from parent peers, with one circuit breaker per parent host.
 */
@NullMarked
package io.damselfly.peer.transfer;

import org.jspecify.annotations.NullMarked;
