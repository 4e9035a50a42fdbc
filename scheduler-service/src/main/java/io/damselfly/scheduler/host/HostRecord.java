package io.damselfly.scheduler.host;

import java.time.Instant;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;

/**
 * A host as stored from its last announce. It lives in Redis with a TTL of three announce intervals,
 * so a host that falls silent disappears without any sweeping.
 *
 * @param announce what the host announced
 * @param announcedAt when the announce arrived
 */
public record HostRecord(HostAnnounce announce, Instant announcedAt) {

	public String hostId() {
		return announce.hostId();
	}

	public boolean isSeed() {
		return announce.type() == HostType.SEED;
	}

	/**
	 * Upload slots the scheduler counts on: what the host offers, capped by the cluster's setting for
	 * its type, so an operator can throttle every host from the manager.
	 */
	public int uploadSlots(ClusterConfig config) {
		int cap = isSeed() ? config.seedUploadSlots() : config.normalUploadSlots();
		return Math.min(announce.uploadSlots(), cap);
	}

	/** Free slots as a fraction of the slots, 0 to 1. */
	public double freeUploadRatio(ClusterConfig config) {
		int slots = uploadSlots(config);
		if (slots <= 0) {
			return 0;
		}
		return Math.max(0, Math.min(1, (slots - announce.uploadsInFlight()) / (double) slots));
	}

}
