/**
 * Time for tests: a clock moved by hand.
 */
@NullMarked
package io.damselfly.testsupport.time;

import org.jspecify.annotations.NullMarked;
