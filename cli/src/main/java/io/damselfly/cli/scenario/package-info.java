/**
 * Fault scenarios (docs/architecture.md#failure-detection-and-ejection, #testing): real faults on a real local cluster, with figures printed and
 * expectations checked. Run by {@code ./damselfly demo --scenario NAME} and by the e2e tests.
 */
@NullMarked
package io.damselfly.cli.scenario;

import org.jspecify.annotations.NullMarked;
