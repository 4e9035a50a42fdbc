/**
 * Cluster scheduling configuration with its defaults and bounds (docs/architecture.md#scheduling).
 */
@NullMarked
package io.damselfly.common.cluster;

import org.jspecify.annotations.NullMarked;
