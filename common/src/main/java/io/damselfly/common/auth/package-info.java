/** Wire records of the manager's token endpoint (docs/architecture.md#trust-and-security). */
@NullMarked
package io.damselfly.common.auth;

import org.jspecify.annotations.NullMarked;
