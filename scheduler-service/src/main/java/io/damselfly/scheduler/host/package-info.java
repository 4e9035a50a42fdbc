/**
 * Hosts as announced: records, upload and cost statistics, and the policy that judges whether a host may serve.
 */
@NullMarked
package io.damselfly.scheduler.host;

import org.jspecify.annotations.NullMarked;
