package io.damselfly.cli.cluster;

import org.jspecify.annotations.Nullable;

/** The processes of a local cluster, with the Maven module whose jar runs each. */
public enum NodeKind {

	REDIS(null),

	MANAGER("manager-service"),

	SCHEDULER("scheduler-service"),

	SEED("seed-peer-service"),

	PEER("seed-peer-service"),

	GATEWAY("gateway");

	private final @Nullable String module;

	NodeKind(@Nullable String module) {
		this.module = module;
	}

	public @Nullable String module() {
		return module;
	}

}
