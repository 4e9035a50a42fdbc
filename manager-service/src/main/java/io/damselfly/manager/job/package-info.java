/** Preheat jobs: warming seeds, or every peer, with a file or an image's blobs before a rollout (docs/preheat.md). */
@NullMarked
package io.damselfly.manager.job;

import org.jspecify.annotations.NullMarked;
