/**
 * Which manager probes which node when several run (docs/architecture.md#past-one-machine): live managers
 * found through heartbeats in Redis, nodes spread over them by rendezvous hashing.
 */
@NullMarked
package io.damselfly.manager.probe.ownership;

import org.jspecify.annotations.NullMarked;
