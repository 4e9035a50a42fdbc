package io.damselfly.cli.cluster;

import java.util.List;

/**
 * A started node as the run directory remembers it, so {@code down}, {@code kill}, {@code start} and
 * {@code logs} work from any later invocation.
 *
 * @param name node name
 * @param kind what runs
 * @param port its port
 * @param url its base URL
 * @param pid the process id, 0 when not running
 * @param command the full command line, to start it again
 * @param log its log file
 */
public record NodeRecord(String name, NodeKind kind, int port, String url, long pid, List<String> command, String log) {

	public NodeRecord withPid(long newPid) {
		return new NodeRecord(name, kind, port, url, newPid, command, log);
	}

	public boolean alive() {
		return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
