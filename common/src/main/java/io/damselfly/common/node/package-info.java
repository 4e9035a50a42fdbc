/**
 * Cluster registry records: scheduler and seed-peer nodes as the manager sees them.
 */
@NullMarked
package io.damselfly.common.node;

import org.jspecify.annotations.NullMarked;
