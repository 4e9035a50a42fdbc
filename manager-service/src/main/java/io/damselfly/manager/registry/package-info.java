/**
 * The cluster registry: schedulers and seed peers register, keep alive, and are listed with a derived state.
 */
@NullMarked
package io.damselfly.manager.registry;

import org.jspecify.annotations.NullMarked;
