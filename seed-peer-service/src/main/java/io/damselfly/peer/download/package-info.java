/**
 * The download engine: one shared fetch per task, parent rounds, piece planning, batched reports.
 */
@NullMarked
package io.damselfly.peer.download;

import org.jspecify.annotations.NullMarked;
