package io.damselfly.common.host;

/**
 * The scheduler's answer to an announce.
 *
 * @param hostId the host
 * @param announceIntervalSeconds when to announce next (from cluster config)
 * @param ttlSeconds how long the scheduler keeps the host without a new announce
 */
public record HostAnnounceAck(String hostId, int announceIntervalSeconds, long ttlSeconds) {
}
