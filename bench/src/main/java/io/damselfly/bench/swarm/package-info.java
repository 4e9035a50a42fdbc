/** The swarm benchmark: N peers at once through Damselfly against N direct downloads from the same capped origin. */
@NullMarked
package io.damselfly.bench.swarm;

import org.jspecify.annotations.NullMarked;
