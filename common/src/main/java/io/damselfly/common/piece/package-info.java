/**
 * Piece arithmetic (docs/architecture.md#identity-and-pieces) and the piece bitmap wire encoding.
 */
@NullMarked
package io.damselfly.common.piece;

import org.jspecify.annotations.NullMarked;
