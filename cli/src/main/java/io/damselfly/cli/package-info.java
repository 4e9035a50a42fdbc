/**
 * The damselfly command line.
 */
@NullMarked
package io.damselfly.cli;

import org.jspecify.annotations.NullMarked;
