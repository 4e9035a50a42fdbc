package io.damselfly.peer.identity;

import io.damselfly.common.host.HostType;

/** How the daemon runs: a seed is a trusted first fetcher registered with the manager. */
public enum PeerMode {

	SEED,

	NORMAL;

	public HostType hostType() {
		return (this == SEED) ? HostType.SEED : HostType.NORMAL;
	}

}
