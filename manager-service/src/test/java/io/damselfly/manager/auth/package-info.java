@NullMarked
package io.damselfly.manager.auth;

import org.jspecify.annotations.NullMarked;
