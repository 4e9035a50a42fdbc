/**
 * The Damselfly peer daemon, run in {@code seed} or {@code normal} mode (DESIGN §6).
 */
@NullMarked
package io.damselfly.peer;

import org.jspecify.annotations.NullMarked;
