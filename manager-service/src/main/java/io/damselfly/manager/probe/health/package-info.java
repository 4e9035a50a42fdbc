/**
 * Probing one node's readiness endpoint and turning what it answers (or fails to answer) into a verdict
 * with a reason an operator can act on.
 */
@NullMarked
package io.damselfly.manager.probe.health;

import org.jspecify.annotations.NullMarked;
