package io.damselfly.common.schedule;

/** Why a sampled candidate parent was rejected (docs/architecture.md#scheduling step 2). Counted per attempt and in metrics. */
public enum FilterReason {

	SELF("self"),

	BLOCKLISTED("blocklisted"),

	SAME_HOST("same_host"),

	EJECTED("ejected"),

	HOST_DOWN("host_down"),

	HOST_UNKNOWN("host_unknown"),

	NO_UPLOAD_SLOTS("no_upload_slots"),

	BAD_NODE("bad_node"),

	CYCLE("cycle"),

	NOT_SERVABLE("not_servable"),

	NOT_SHARING("not_sharing"),

	/** A peer still fetching from other peers, offered to a seed: the seed would wait on the swarm it was called to feed. */
	NOT_ORIGIN_FED("not_origin_fed"),

	/** Passed the strict filters only because the relaxation ladder admitted it, or failed them. */
	PROBATION("probation");

	private final String tag;

	FilterReason(String tag) {
		this.tag = tag;
	}

	/** The lower-case label used in logs and metric tags. */
	public String tag() {
		return tag;
	}

}
