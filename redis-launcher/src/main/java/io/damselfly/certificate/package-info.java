/**
 * A self-signed certificate for loopback, made with the JDK's {@code keytool}, for local clusters and
 * tests that serve HTTPS.
 */
@NullMarked
package io.damselfly.certificate;

import org.jspecify.annotations.NullMarked;
