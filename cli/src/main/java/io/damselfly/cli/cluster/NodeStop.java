package io.damselfly.cli.cluster;

/**
 * What {@code down} found of one node: running (so it was stopped), or not, and why not.
 *
 * @param node the node as the cluster state recorded it
 * @param found whether its process was running
 * @param why when it was not: what its recorded pid names now
 */
public record NodeStop(NodeRecord node, boolean found, String why) {

	/** Judged before anything is signalled. */
	static NodeStop before(NodeRecord node) {
		if (node.alive()) {
			return new NodeStop(node, true, "");
		}
		if (node.pid() <= 0) {
			return new NodeStop(node, false, "stopped earlier");
		}
		boolean taken = ProcessHandle.of(node.pid()).filter(ProcessHandle::isAlive).isPresent();
		return new NodeStop(node, false, taken ? "pid " + node.pid() + " is another process now, left alone"
				: "pid " + node.pid() + " has exited");
	}

	/** One line for {@code down}: {@code stopped}, or {@code was not running (…)}. */
	public String describe() {
		return found ? "stopped" : "was not running (" + why + ")";
	}

}
