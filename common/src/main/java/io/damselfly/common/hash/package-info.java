/**
 * Hashing shared by every service: rendezvous (highest-random-weight) ordering of nodes for a key.
 */
@NullMarked
package io.damselfly.common.hash;

import org.jspecify.annotations.NullMarked;
