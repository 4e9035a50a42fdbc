/**
 * The manager service (docs/architecture.md#components): cluster registry, active probe and ejection of nodes (docs/architecture.md#failure-detection-and-ejection), and
 * cluster scheduling config, all state in Redis.
 */
@NullMarked
package io.damselfly.manager;

import org.jspecify.annotations.NullMarked;
