package io.damselfly.peer.serve;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Fault switches that exist ONLY for failure drills (docs/architecture.md#testing, the {@code corrupt-peer} scenario) and
 * for tests. All are off by default; never turn one on outside a drill. The daemon logs a loud warning
 * at startup for each one that is on.
 *
 * @param corruptUploads serve every piece with its bytes flipped: same length, and still the recorded
 * digest in the digest header, as a lying peer would, so children must catch this peer by checking the
 * SHA-256 themselves. Refused in seed mode (the daemon does not start): seeds are the trusted first
 * fetchers. Turns zero-copy serving off, since the bytes must pass through the heap to be flipped.
 */
@Validated
@ConfigurationProperties("damselfly.fault")
public record FaultProperties(@DefaultValue("false") boolean corruptUploads) {
}
