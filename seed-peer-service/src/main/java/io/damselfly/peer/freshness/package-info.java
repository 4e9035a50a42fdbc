/**
 * Fresh content (docs/architecture.md#trust-and-security): before a URL download joins a task, one
 * cheap conditional question to the origin decides which generation of the content it is, so content
 * replaced at the origin is fetched again instead of served stale from the swarm.
 */
@NullMarked
package io.damselfly.peer.freshness;

import org.jspecify.annotations.NullMarked;
