package io.damselfly.cli.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A started node as the run directory remembers it, so {@code down}, {@code kill}, {@code start} and
 * {@code logs} work from any later invocation. A process is this node's only while both its pid and its
 * start time match: after a reboot, or once the pid is reused, the pid alone would name an unrelated
 * process, which {@code down} must never signal.
 *
 * @param name node name
 * @param kind what runs
 * @param port its port
 * @param url its base URL
 * @param pid the process id, 0 when not running
 * @param startedAt when that process started, as the operating system tells it; null in records written
 * before start times were kept (then the pid alone is trusted)
 * @param command the full command line, to start it again
 * @param log its log file
 * @param proxyPort the port of its proxy listener (peers and seeds), 0 when it runs none
 */
public record NodeRecord(String name, NodeKind kind, int port, String url, long pid, @Nullable Instant startedAt,
		List<String> command, String log, int proxyPort) {

	/** How far two readings of one process's start time may drift apart (see {@link #sameStart}). */
	static final Duration START_TOLERANCE = Duration.ofSeconds(2);

	public NodeRecord(String name, NodeKind kind, int port, String url, long pid, @Nullable Instant startedAt,
			List<String> command, String log) {
		this(name, kind, port, url, pid, startedAt, command, log, 0);
	}

	/** The same node, now run by process {@code newPid} (0: not running), with that process's start time. */
	public NodeRecord withPid(long newPid) {
		return new NodeRecord(name, kind, port, url, newPid, (newPid > 0) ? startOf(newPid) : null, command, log,
				proxyPort);
	}


	/** The proxy listener's URL, or null when the node runs none. */
	public @org.jspecify.annotations.Nullable String proxyUrl() {
		return (proxyPort > 0) ? "http://127.0.0.1:" + proxyPort : null;
	}

	/** {@code  proxy=http://127.0.0.1:PORT} to append to the node's line, or nothing. */
	public String proxyColumn() {
		return (proxyPort > 0) ? "  proxy=" + proxyUrl() : "";
	}


	/** The node's live process, when the recorded pid still names the process this node started. */
	public Optional<ProcessHandle> process() {
		if (pid <= 0) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
			.filter((p) -> startedAt == null || sameStart(startedAt, p.info().startInstant().orElse(null)));
	}

	/**
	 * Whether two readings of a process's start time name the same start. The JDK adds the process's
	 * start in ticks since boot to the boot time in {@code /proc/stat}, which the kernel derives from the
	 * wall clock and which moves by a second or so when the clock is adjusted (seen on a VM: {@code down}
	 * took every node of an {@code up} a minute earlier for another process and left them running). A pid
	 * reused after a reboot starts seconds or more away from the recorded time.
	 */
	static boolean sameStart(Instant recorded, @Nullable Instant now) {
		return now != null && Duration.between(recorded, now).abs().compareTo(START_TOLERANCE) <= 0;
	}

	public boolean alive() {
		return process().isPresent();
	}

	/** When process {@code pid} started, or null when the operating system does not say. */
	static @Nullable Instant startOf(long pid) {
		return ProcessHandle.of(pid).flatMap((p) -> p.info().startInstant()).orElse(null);
	}

}
