/** Resolving an image reference to its blobs through the registry's manifest API. */
@NullMarked
package io.damselfly.manager.job.image;

import org.jspecify.annotations.NullMarked;
