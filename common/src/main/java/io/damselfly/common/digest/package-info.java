/**
 * SHA-256 digests and the \`sha256:<hex>\` notation.
 */
@NullMarked
package io.damselfly.common.digest;

import org.jspecify.annotations.NullMarked;
