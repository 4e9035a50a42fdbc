/**
 * Fault scenarios (DESIGN §5, §9): real faults on a real local cluster, with figures printed and
 * expectations checked. Run by {@code ./damselfly demo --scenario NAME} and by the e2e tests.
 */
@NullMarked
package io.damselfly.cli.scenario;

import org.jspecify.annotations.NullMarked;
