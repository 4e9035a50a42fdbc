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
 * @param proxyPort the port of its proxy listener (peers and seeds), 0 when it runs none
 */
public record NodeRecord(String name, NodeKind kind, int port, String url, long pid, List<String> command, String log,
		int proxyPort) {

	public NodeRecord(String name, NodeKind kind, int port, String url, long pid, List<String> command, String log) {
		this(name, kind, port, url, pid, command, log, 0);
	}

	public NodeRecord withPid(long newPid) {
		return new NodeRecord(name, kind, port, url, newPid, command, log, proxyPort);
	}

	/** The proxy listener's URL, or null when the node runs none. */
	public @org.jspecify.annotations.Nullable String proxyUrl() {
		return (proxyPort > 0) ? "http://127.0.0.1:" + proxyPort : null;
	}

	/** {@code  proxy=http://127.0.0.1:PORT} to append to the node's line, or nothing. */
	public String proxyColumn() {
		return (proxyPort > 0) ? "  proxy=" + proxyUrl() : "";
	}

	public boolean alive() {
		return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
