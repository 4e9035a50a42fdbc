package io.damselfly.bench.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * async-profiler attached to one peer for the length of a Damselfly round, with {@code jcmd
 * JVMTI.agent_load} (CPU samples every millisecond, kernel frames included); writes collapsed stacks that
 * {@code bench/profile-shares.py} sums by where the time went. Off unless the bench is given the library.
 */
final class PeerProfiler {

	private final String library;

	private final Path out;

	PeerProfiler(String library, Path out) {
		this.library = library;
		this.out = out;
	}

	void start(long pid) {
		jcmd(pid, "start,event=cpu,interval=1ms");
	}

	Path stop(long pid, String name) {
		Path file = out.resolve(name + ".collapsed");
		jcmd(pid, "stop,collapsed,file=" + file);
		System.out.println("  async-profiler: " + file);
		return file;
	}

	private void jcmd(long pid, String arguments) {
		try {
			java.nio.file.Files.createDirectories(out);
			// The agent's options travel quoted: unquoted, jcmd splits them off and the agent sees none.
			Process p = new ProcessBuilder("jcmd", Long.toString(pid), "JVMTI.agent_load", library,
					"\"" + arguments + "\"")
				.redirectErrorStream(true).start();
			String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (p.waitFor() != 0 || !output.contains("return code: 0")) {
				System.out.println("  async-profiler " + arguments + " on pid " + pid + ": " + output.strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run jcmd", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
