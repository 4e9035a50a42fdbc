/** Load generators for the benchmarks recorded in BENCHMARKS.md. Not tests. */
@NullMarked
package io.damselfly.bench;

import org.jspecify.annotations.NullMarked;
