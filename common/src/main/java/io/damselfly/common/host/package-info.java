/**
 * Host announces: how every peer daemon, seed or normal, stays known to the schedulers.
 */
@NullMarked
package io.damselfly.common.host;

import org.jspecify.annotations.NullMarked;
