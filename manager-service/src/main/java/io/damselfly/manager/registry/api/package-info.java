/**
 * HTTP API of the cluster registry: parses, validates and delegates to the registry.
 */
@NullMarked
package io.damselfly.manager.registry.api;

import org.jspecify.annotations.NullMarked;
