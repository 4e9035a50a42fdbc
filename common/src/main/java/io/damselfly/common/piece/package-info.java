/**
 * Piece arithmetic (DESIGN §3) and the piece bitmap wire encoding.
 */
@NullMarked
package io.damselfly.common.piece;

import org.jspecify.annotations.NullMarked;
