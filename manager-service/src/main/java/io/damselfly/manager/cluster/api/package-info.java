/**
 * HTTP API of the per-cluster scheduling configuration.
 */
@NullMarked
package io.damselfly.manager.cluster.api;

import org.jspecify.annotations.NullMarked;
