/**
 * Scheduler discovery: the active schedulers the manager lists, polled and cached, fed to Spring Cloud LoadBalancer.
 */
@NullMarked
package io.damselfly.gateway.discovery;

import org.jspecify.annotations.NullMarked;
