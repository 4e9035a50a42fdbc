/**
 * Serving pieces and task metadata to other peers, with zero-copy transfer and upload-slot accounting.
 */
@NullMarked
package io.damselfly.peer.serve;

import org.jspecify.annotations.NullMarked;
