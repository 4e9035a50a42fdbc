/**
 * Thin HTTP handlers: validate ids and bodies, delegate, map to HTTP.
 */
@NullMarked
package io.damselfly.scheduler.api;

import org.jspecify.annotations.NullMarked;
