/**
 * {@code /api/v1/probes}: what this manager probes, for operators and drills.
 */
@NullMarked
package io.damselfly.manager.probe.api;

import org.jspecify.annotations.NullMarked;
