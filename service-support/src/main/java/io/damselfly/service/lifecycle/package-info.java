/**
 * Background work tied to the application's lifecycle: periodic loops that start and stop with the context.
 */
@NullMarked
package io.damselfly.service.lifecycle;

import org.jspecify.annotations.NullMarked;
