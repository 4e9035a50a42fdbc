/**
 * Identifier derivation and validation (task ids, peer ids, host ids).
 */
@NullMarked
package io.damselfly.common.id;

import org.jspecify.annotations.NullMarked;
