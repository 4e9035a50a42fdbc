package io.damselfly.common.host;

/** A peer daemon's role. Seeds are the trusted first fetchers from origin. */
public enum HostType {

	SEED,

	NORMAL

}
