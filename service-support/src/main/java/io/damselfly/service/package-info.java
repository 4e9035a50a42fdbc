/** Auto-configuration of the pieces every Damselfly service shares. */
@NullMarked
package io.damselfly.service;

import org.jspecify.annotations.NullMarked;
