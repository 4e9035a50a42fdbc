/**
 * Content generations of URLs (docs/architecture.md#trust-and-security): the latest generation a peer
 * confirmed with the origin, per URL, for peers that cannot or need not ask the origin themselves.
 */
@NullMarked
package io.damselfly.scheduler.generation;

import org.jspecify.annotations.NullMarked;
