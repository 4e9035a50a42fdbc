/**
 * The local download API used by the CLI and by schedulers that trigger a seed.
 */
@NullMarked
package io.damselfly.peer.api;

import org.jspecify.annotations.NullMarked;
