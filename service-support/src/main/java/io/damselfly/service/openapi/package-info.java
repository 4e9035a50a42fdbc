/** The OpenAPI description every service serves at {@code /v3/api-docs}. */
@NullMarked
package io.damselfly.service.openapi;

import org.jspecify.annotations.NullMarked;
