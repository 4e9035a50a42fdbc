/** Keeping breakers made per remote party (origin, parent host, scheduler URL) bounded in number. */
@NullMarked
package io.damselfly.service.resilience;

import org.jspecify.annotations.NullMarked;
