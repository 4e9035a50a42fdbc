package io.damselfly.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings of a process from {@code /proc}: resident memory and CPU time. Linux only. */
public final class Proc {

	private static final long CLOCK_TICKS = 100;

	private Proc() {
	}

	/**
	 * Memory of a process, from {@code /proc/<pid>/status}.
	 *
	 * @param rssKb resident set now (VmRSS)
	 * @param hwmKb peak resident set since the process started (VmHWM)
	 */
	public record Memory(long rssKb, long hwmKb) {
	}

	public static Memory memory(long pid) {
		try {
			long rss = 0;
			long hwm = 0;
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kb(line);
				}
				else if (line.startsWith("VmHWM:")) {
					hwm = kb(line);
				}
			}
			return new Memory(rss, hwm);
		}
		catch (IOException ex) {
			return new Memory(-1, -1);
		}
	}

	/** User + system CPU time of a process (children not included), in milliseconds; -1 when gone. */
	public static long cpuMillis(long pid) {
		Cpu cpu = cpu(pid);
		return (cpu.userMillis() < 0) ? -1 : cpu.userMillis() + cpu.systemMillis();
	}

	/**
	 * CPU time of a process, children not included.
	 *
	 * @param userMillis in user mode (the JVM and its code)
	 * @param systemMillis in the kernel (socket and file I/O, copies, page faults)
	 */
	public record Cpu(long userMillis, long systemMillis) {

		public Cpu minus(Cpu before) {
			return new Cpu(userMillis - before.userMillis, systemMillis - before.systemMillis);
		}

	}

	public static Cpu cpu(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return new Cpu(Long.parseLong(f[11]) * 1000 / CLOCK_TICKS, Long.parseLong(f[12]) * 1000 / CLOCK_TICKS);
		}
		catch (IOException | RuntimeException ex) {
			return new Cpu(-1, -1);
		}
	}

	private static long kb(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

}
