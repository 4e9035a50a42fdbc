package io.damselfly.common.node;

/** The kinds of node that register with the manager. Normal peers do not: they announce to schedulers. */
public enum NodeType {

	SCHEDULER,

	SEED_PEER

}
