/**
 * A Redis server process on loopback, for local clusters ({@code damselfly up}) and for tests:
 * {@code redis-server} from the PATH, else the binary bundled by embedded-redis. No Redis client comes
 * with it: a readiness check speaks the protocol over a plain socket.
 */
@NullMarked
package io.damselfly.redis;

import org.jspecify.annotations.NullMarked;
