/**
 * Active probing of registered schedulers and seed peers (docs/architecture.md#failure-detection-and-ejection): a probe round every interval, one
 * circuit breaker per node, and the breaker's state written to the registry as ACTIVE, EJECTED or
 * PROBING.
 */
@NullMarked
package io.damselfly.manager.probe;

import org.jspecify.annotations.NullMarked;
