/**
 * Clusters: identifier rules shared by the registry and the cluster config.
 */
@NullMarked
package io.damselfly.manager.cluster;

import org.jspecify.annotations.NullMarked;
