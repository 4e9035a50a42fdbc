/**
 * A small origin HTTP server that counts the bytes it sends, for the demo, drills and tests.
 */
@NullMarked
package io.damselfly.cli.origin;

import org.jspecify.annotations.NullMarked;
