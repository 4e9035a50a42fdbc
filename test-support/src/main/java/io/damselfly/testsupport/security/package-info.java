/** A stand-in token issuer for service tests that run without a real manager. */
@NullMarked
package io.damselfly.testsupport.security;

import org.jspecify.annotations.NullMarked;
