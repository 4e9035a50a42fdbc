/**
 * Wiring and configuration properties of the manager.
 */
@NullMarked
package io.damselfly.manager.config;

import org.jspecify.annotations.NullMarked;
