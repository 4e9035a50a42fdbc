/**
 * A local cluster of real processes on loopback: plan, start, watch, stop. Shared by the CLI and the e2e tests.
 */
@NullMarked
package io.damselfly.cli.cluster;

import org.jspecify.annotations.NullMarked;
