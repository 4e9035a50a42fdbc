/**
 * Cluster scheduling configuration with its defaults and bounds (DESIGN §4).
 */
@NullMarked
package io.damselfly.common.cluster;

import org.jspecify.annotations.NullMarked;
