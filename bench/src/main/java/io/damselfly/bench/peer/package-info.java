/** The single-peer benchmark: one download through a peer daemon against curl, piece serving, and memory. */
@NullMarked
package io.damselfly.bench.peer;

import org.jspecify.annotations.NullMarked;
