package io.damselfly.bench.swarm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.damselfly.bench.support.BenchCluster;
import io.damselfly.bench.support.Proc;
import io.damselfly.bench.support.Transfers;

/**
 * The BitTorrent anchor of the swarm bench: the same N downloaders as a BitTorrent swarm, with Debian's
 * {@code aria2c} and {@code opentracker}. One round starts a tracker on loopback (Debian builds it to
 * serve whitelisted info-hashes only, so the torrent's hash is written to its whitelist), one
 * {@code aria2c} seeder whose upload is capped at the origin's rate (checking its copy with {@code -V} and
 * seeding without end, {@code --seed-ratio=0.0}), then N {@code aria2c} leechers at once, each in its own
 * directory. A leecher's time is when its hook ({@code --on-bt-download-complete}, run before seeding)
 * fires; a leecher keeps seeding to the others until the last one is done, like a Damselfly peer. Every
 * process of a round is stopped at its end, and its pid is listed in {@code pids} for the script's trap.
 */
final class TorrentSwarm {

	private static final Pattern INFO_HASH = Pattern.compile("Info Hash: ([0-9a-f]{40})");

	private static final Pattern COMPLETE = Pattern.compile("8:completei(\\d+)e");

	private final Path dir;

	private final Path file;

	private final Path torrent;

	private final String infoHash;

	private final long capBytesPerSecond;

	private final int basePort;

	private final List<Process> running = new ArrayList<>();

	/**
	 * What one BitTorrent round measured.
	 *
	 * @param times each leecher's completion time, sorted
	 * @param leecherCpuMillis user + kernel CPU of each leecher from its start until the last one was done
	 * @param leecherHwmKb peak resident memory of each leecher (VmHWM)
	 * @param seederCpuMillis the seeder's CPU over the same span (its start-up check not counted)
	 * @param seederSentBytes bytes the seeder wrote to its sockets ({@code wchar} of {@code /proc/<pid>/io})
	 * @param allOk every copy's SHA-256 matches
	 */
	record Result(List<Double> times, List<Long> leecherCpuMillis, List<Long> leecherHwmKb, long seederCpuMillis, long seederSentBytes,
			boolean allOk) {

		double max() {
			return times.get(times.size() - 1);
		}

	}

	private TorrentSwarm(Path dir, Path file, Path torrent, String infoHash, long capBytesPerSecond, int basePort) {
		this.dir = dir;
		this.file = file;
		this.torrent = torrent;
		this.infoHash = infoHash;
		this.capBytesPerSecond = capBytesPerSecond;
		this.basePort = basePort;
	}

	/**
	 * Makes the torrent of {@code file} (announcing to a tracker on {@code basePort}) with {@code mktorrent}
	 * and reads its info-hash with {@code aria2c -S}. Leechers listen on the ports after {@code basePort}.
	 */
	static TorrentSwarm prepare(Path dir, Path file, long size, long capBytesPerSecond, int basePort) {
		BenchCluster.wipe(dir);
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path torrent = dir.resolve("swarm.torrent");
		// About a thousand pieces, as BitTorrent clients choose: 1 MiB for 512 MiB.
		int exponent = Math.max(18, Math.min(24, 64 - Long.numberOfLeadingZeros(Math.max(1, size / 1000 - 1))));
		run(dir, "mktorrent", "-a", "http://127.0.0.1:" + basePort + "/announce", "-l", String.valueOf(exponent),
				"-n", file.getFileName().toString(), "-o", torrent.toString(), file.toString());
		Matcher hash = INFO_HASH.matcher(run(dir, "aria2c", "-S", torrent.toString()));
		if (!hash.find()) {
			throw new IllegalStateException("aria2c -S printed no info-hash for " + torrent);
		}
		System.out.println("BitTorrent: " + torrent + ", info-hash " + hash.group(1) + ", pieces of "
				+ (1 << exponent) / 1024 + " KiB, tracker on 127.0.0.1:" + basePort);
		return new TorrentSwarm(dir, file, torrent, hash.group(1), capBytesPerSecond, basePort);
	}

	/** One round: tracker, seeder, {@code leechers} aria2c at once; every copy checked against {@code sha}. */
	Result round(String name, int leechers, String sha) throws IOException {
		Path roundDir = dir.resolve(name);
		BenchCluster.wipe(roundDir);
		Path tracker = Files.createDirectories(roundDir.resolve("tracker"));
		Files.writeString(tracker.resolve("whitelist.txt"), infoHash + "\n");
		Path hook = roundDir.resolve("done-hook.sh");
		Files.writeString(hook, "#!/bin/sh\ndate +%s.%N > done.tmp && mv done.tmp done\n");
		Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
		try {
			start(tracker, "opentracker", "-i", "127.0.0.1", "-p", String.valueOf(basePort), "-P",
					String.valueOf(basePort), "-d", tracker.toString(), "-w", "whitelist.txt");
			Path seedDir = Files.createDirectories(roundDir.resolve("seeder"));
			Files.createSymbolicLink(seedDir.resolve(file.getFileName()), file);
			Process seeder = start(seedDir, aria2c(basePort + 1, "-V", "--seed-ratio=0.0",
					"--max-overall-upload-limit=" + capBytesPerSecond));
			awaitSeeder(Duration.ofMinutes(3));
			Proc.Cpu seederBefore = Proc.cpu(seeder.pid());
			long seederSentBefore = wchar(seeder.pid());

			List<Process> peers = new ArrayList<>();
			List<Path> dirs = new ArrayList<>();
			double startEpoch = System.currentTimeMillis() / 1000.0;
			for (int i = 0; i < leechers; i++) {
				Path leecherDir = Files.createDirectories(roundDir.resolve("leecher-" + (i + 1)));
				dirs.add(leecherDir);
				peers.add(start(leecherDir, aria2c(basePort + 2 + i, "--seed-ratio=0.0",
						"--on-bt-download-complete=" + hook)));
			}
			List<Double> times = awaitDone(dirs, peers, startEpoch, Duration.ofMinutes(15));
			List<Long> cpu = peers.stream().map((p) -> Proc.cpuMillis(p.pid())).toList();
			List<Long> hwm = peers.stream().map((p) -> Proc.memory(p.pid()).hwmKb()).toList();
			Proc.Cpu seederCpu = Proc.cpu(seeder.pid()).minus(seederBefore);
			long sent = wchar(seeder.pid()) - seederSentBefore;
			stopAll();
			boolean allOk = true;
			for (Path d : dirs) {
				Path copy = d.resolve(file.getFileName());
				boolean ok = Files.exists(copy) && Transfers.sha256(copy).equals(sha);
				if (!ok) {
					System.out.println("  " + copy + ": sha256 does not match");
				}
				allOk &= ok;
			}
			times.sort(null);
			return new Result(times, cpu, hwm, seederCpu.userMillis() + seederCpu.systemMillis(), sent, allOk);
		}
		finally {
			stopAll();
			BenchCluster.wipe(roundDir);
		}
	}

	private List<String> aria2c(int port, String... extra) {
		List<String> command = new ArrayList<>(List.of("aria2c", "--dir=.", "--enable-dht=false",
				"--enable-dht6=false", "--bt-enable-lpd=false", "--listen-port=" + port,
				// Damselfly does not preallocate either; "prealloc" would write every file twice.
				"--file-allocation=none", "--quiet=true", "--summary-interval=0"));
		command.addAll(List.of(extra));
		command.add(torrent.toString());
		return command;
	}

	/** Waits until the tracker lists the seeder as complete: its {@code -V} check is done and it announced. */
	private void awaitSeeder(Duration timeout) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : HexFormat.of().parseHex(infoHash)) {
			escaped.append('%').append(HexFormat.of().toHexDigits(b));
		}
		String scrape = "http://127.0.0.1:" + basePort + "/scrape?info_hash=" + escaped;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String answer = run(dir, "curl", "-s", "--max-time", "2", scrape);
			Matcher complete = COMPLETE.matcher(answer);
			if (complete.find() && Integer.parseInt(complete.group(1)) >= 1) {
				return;
			}
			checkAlive();
			BenchCluster.sleep(200);
		}
		throw new IllegalStateException("the aria2c seeder did not announce itself complete within " + timeout);
	}

	private List<Double> awaitDone(List<Path> dirs, List<Process> peers, double startEpoch, Duration timeout)
			throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Double> times = new ArrayList<>();
		for (Path d : dirs) {
			Path done = d.resolve("done");
			while (!Files.exists(done)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("BitTorrent leecher in " + d + " not done after " + timeout);
				}
				checkAlive();
				BenchCluster.sleep(20);
			}
			times.add(Double.parseDouble(Files.readString(done).strip()) - startEpoch);
		}
		return times;
	}

	private void checkAlive() {
		for (Process p : running) {
			if (!p.isAlive()) {
				throw new IllegalStateException("'" + p.info().commandLine().orElse("a process") + "' (pid " + p.pid()
						+ ") exited with " + p.exitValue() + " during a BitTorrent round; see " + dir);
			}
		}
	}

	private Process start(Path cwd, String... command) {
		return start(cwd, List.of(command));
	}

	private synchronized Process start(Path cwd, List<String> command) {
		try {
			Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(cwd.resolve("output.log").toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
			running.add(p);
			Files.writeString(dir.resolve("pids"), p.pid() + " " + command.get(0) + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			return p;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed?)", ex);
		}
	}

	/** Stops what this swarm started: leechers and seeder first (they tell the tracker they leave), the tracker last. */
	synchronized void stopAll() {
		stop(running.subList(Math.min(1, running.size()), running.size()));
		stop(running);
		running.clear();
		try {
			Files.deleteIfExists(dir.resolve("pids"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(List<Process> processes) {
		processes.forEach(Process::destroy);
		for (Process p : processes) {
			try {
				if (!p.waitFor(5, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				p.destroyForcibly();
			}
		}
	}

	private static long wchar(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
				if (line.startsWith("wchar:")) {
					return Long.parseLong(line.substring(6).strip());
				}
			}
		}
		catch (IOException ex) {
			// /proc/<pid>/io needs the same user or root; the figure is then left out.
		}
		return -1;
	}

	private static String run(Path cwd, String... command) {
		try {
			Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			if (p.waitFor() != 0 && !command[0].equals("curl")) {
				throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
						+ out.strip());
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + command[0] + " (is it installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
