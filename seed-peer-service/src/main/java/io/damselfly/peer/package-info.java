/**
 * The Damselfly peer daemon, run in {@code seed} or {@code normal} mode (docs/architecture.md#peer-daemon).
 */
@NullMarked
package io.damselfly.peer;

import org.jspecify.annotations.NullMarked;
