/**
 * Configuration of the peer daemon: property records, seed-mode defaults, identity and shared beans.
 */
@NullMarked
package io.damselfly.peer.config;

import org.jspecify.annotations.NullMarked;
