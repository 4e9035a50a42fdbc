/**
 * Back to source: fetching a task from its origin, with Range requests or as one stream cut into pieces.
 */
@NullMarked
package io.damselfly.peer.source;

import org.jspecify.annotations.NullMarked;
