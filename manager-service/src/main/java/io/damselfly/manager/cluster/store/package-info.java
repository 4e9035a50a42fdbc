/**
 * Storage of per-cluster scheduling configuration: the repository contract and its Redis implementation.
 */
@NullMarked
package io.damselfly.manager.cluster.store;

import org.jspecify.annotations.NullMarked;
