package io.damselfly.cli.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a disk really full: a small tmpfs mounted over a node's storage folder (root only), filled
 * with a file until little space is left. Where mounting is not allowed, callers fall back to the
 * node's configured capacity.
 */
final class DiskFiller {

	private DiskFiller() {
	}

	/** Mounts a tmpfs of {@code size} (e.g. {@code 32m}) at {@code dir}; false when not allowed here. */
	static boolean mountTmpfs(Path dir, String size) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			return false;
		}
		if (!"root".equals(System.getProperty("user.name"))) {
			return false;
		}
		return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
	}

	/** Writes {@code bytes} of filler into {@code dir}, stopping early if the disk is full. */
	static long fill(Path file, long bytes) {
		byte[] chunk = new byte[1024 * 1024];
		long written = 0;
		try (OutputStream out = Files.newOutputStream(file)) {
			while (written < bytes) {
				int n = (int) Math.min(chunk.length, bytes - written);
				out.write(chunk, 0, n);
				written += n;
			}
		}
		catch (IOException ex) {
			// "No space left on device" is the point of a filler: what was written stays.
		}
		return written;
	}

	static boolean unmount(Path dir) {
		return run("umount", "-l", dir.toString());
	}

	/** Unmounts anything still mounted below {@code dir} by an earlier run. */
	static void releaseMounts(Path dir) {
		try {
			String root = dir.toAbsolutePath().normalize().toString();
			List<String> mounted = new ArrayList<>();
			for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
				String[] fields = line.split(" ");
				if (fields.length > 1 && fields[1].startsWith(root)) {
					mounted.add(fields[1]);
				}
			}
			mounted.forEach((m) -> run("umount", "-l", m));
		}
		catch (IOException ex) {
			// no /proc/mounts: nothing can have been mounted either
		}
	}

	private static boolean run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
