/**
 * Node state as stored and as served, and the rules that derive one from the other; plain classes, no Spring.
 */
@NullMarked
package io.damselfly.manager.registry.state;

import org.jspecify.annotations.NullMarked;
