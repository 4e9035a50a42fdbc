/**
 * The manager service (DESIGN §2): cluster registry, active probe and ejection of nodes (DESIGN §5), and
 * cluster scheduling config, all state in Redis.
 */
@NullMarked
package io.damselfly.manager;

import org.jspecify.annotations.NullMarked;
