/**
 * The manager service (DESIGN §2): cluster registry and cluster scheduling config, all state in Redis.
 */
@NullMarked
package io.damselfly.manager;

import org.jspecify.annotations.NullMarked;
