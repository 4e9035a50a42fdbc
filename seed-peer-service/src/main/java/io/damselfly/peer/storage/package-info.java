/**
 * Local task storage: one data file per task written at piece offsets, metadata that survives a restart, capacity with LRU and TTL eviction.
 */
@NullMarked
package io.damselfly.peer.storage;

import org.jspecify.annotations.NullMarked;
