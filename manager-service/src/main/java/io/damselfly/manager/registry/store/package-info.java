/**
 * Storage of registered nodes: the repository contract and its Redis implementation.
 */
@NullMarked
package io.damselfly.manager.registry.store;

import org.jspecify.annotations.NullMarked;
