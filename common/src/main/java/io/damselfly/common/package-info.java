/**
 * Shared Damselfly types with no Spring web code: wire records, identity, piece math, digests, errors.
 */
@NullMarked
package io.damselfly.common;

import org.jspecify.annotations.NullMarked;
