/**
 * The manager client and the node registrar shared by schedulers, seed peers and the gateway.
 */
@NullMarked
package io.damselfly.service.manager;

import org.jspecify.annotations.NullMarked;
