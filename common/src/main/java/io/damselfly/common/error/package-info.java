/**
 * The RFC 9457 problem type URIs every service uses.
 */
@NullMarked
package io.damselfly.common.error;

import org.jspecify.annotations.NullMarked;
