/**
 * The demo: three peers download one file at once; the origin serves it about once.
 */
@NullMarked
package io.damselfly.cli.demo;

import org.jspecify.annotations.NullMarked;
