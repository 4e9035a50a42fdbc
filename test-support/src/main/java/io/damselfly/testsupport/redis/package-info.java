/**
 * A real Redis for tests and for local clusters, found in the order of docs/architecture.md#testing: {@code REDIS_URL},
 * Testcontainers when Docker is available, {@code redis-server} on the PATH, embedded Redis. There is no
 * mock and no silent skip: when none can be had, the test fails.
 */
@NullMarked
package io.damselfly.testsupport.redis;

import org.jspecify.annotations.NullMarked;
