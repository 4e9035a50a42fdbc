/**
 * Error handling every service shares: RFC 9457 problem details, never a 500 for bad input.
 */
@NullMarked
package io.damselfly.service.web;

import org.jspecify.annotations.NullMarked;
