/** What the swarm and peer benches share: a bandwidth-capped origin, the bench cluster, /proc readings, tables. */
@NullMarked
package io.damselfly.bench.support;

import org.jspecify.annotations.NullMarked;
