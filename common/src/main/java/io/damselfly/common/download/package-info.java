/**
 * The peer daemon's local download API records, used by the CLI and by seed triggers.
 */
@NullMarked
package io.damselfly.common.download;

import org.jspecify.annotations.NullMarked;
