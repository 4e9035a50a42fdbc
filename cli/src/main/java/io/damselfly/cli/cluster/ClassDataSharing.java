package io.damselfly.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Application class-data sharing (JDK 17 dynamic archives) for the nodes of a local cluster: a node maps
 * the classes its module loads at start-up from an archive instead of reading, parsing and verifying them
 * again. On this project's 2-core machine that took a peer's start from 12.7 s to 8.1 s of CPU and its
 * idle resident memory from 257 to 202 MiB (BENCHMARKS.md, "Start-up and footprint").
 * <p>
 * CDS cannot map classes from the jars nested in a Boot jar, so each module's jar is first extracted
 * ({@code -Djarmode=tools extract}) into {@code <module>/target/cds/}, then run once as a training run
 * that exits as soon as its context is refreshed ({@code -Dspring.context.exit=onRefresh}) and writes the
 * archive ({@code -XX:ArchiveClassesAtExit}). Archives are made at run time, never committed, and made
 * again when the jar or the JDK changes. Any failure only costs the speed-up: the node then starts from
 * its jar as before. {@code DAMSELFLY_CDS=0} turns it off.
 */
final class ClassDataSharing {

	private static final String ARCHIVE = "app.jsa";

	private static final String STAMP = "source.txt";

	private final Path home;

	private final Consumer<String> progress;

	private final boolean enabled;

	ClassDataSharing(Path home, Consumer<String> progress, boolean enabled) {
		this.home = home;
		this.progress = progress;
		this.enabled = enabled;
	}

	static ClassDataSharing fromEnvironment(Path home, Consumer<String> progress) {
		return new ClassDataSharing(home, progress, !"0".equals(System.getenv("DAMSELFLY_CDS")));
	}

	/** Where a module's extracted jar and archive live. */
	Path dir(String module) {
		return home.resolve(module).resolve("target").resolve("cds");
	}

	/**
	 * The part of a node's command line after its JVM options: the archive and the extracted jar when the
	 * archive is current, else the module's jar as it is.
	 */
	List<String> launch(String module, Path jar) {
		Optional<Path> extracted = enabled ? current(module, jar) : Optional.empty();
		if (extracted.isEmpty()) {
			return List.of("-jar", jar.toString());
		}
		return List.of("-XX:SharedArchiveFile=" + dir(module).resolve(ARCHIVE), "-Xshare:auto", "-jar",
				extracted.get().toString());
	}

	/** The extracted jar, if the archive beside it was made from this jar on this JDK. */
	Optional<Path> current(String module, Path jar) {
		Path dir = dir(module);
		Path extracted = dir.resolve(jar.getFileName());
		try {
			if (Files.isRegularFile(dir.resolve(ARCHIVE)) && Files.isRegularFile(extracted)
					&& Files.readString(dir.resolve(STAMP)).equals(stamp(jar))) {
				return Optional.of(extracted);
			}
		}
		catch (IOException ex) {
			// No stamp, or unreadable: not current.
		}
		return Optional.empty();
	}

	/**
	 * Makes the archives that are missing or stale, all modules at once, each under a file lock (two
	 * clusters started from one checkout do not train twice). Returns once every training run ended.
	 *
	 * @param trainings what to run for each module: its JVM options and its Spring properties
	 */
	void prepare(Collection<Training> trainings) {
		if (!enabled) {
			return;
		}
		List<Training> todo = new ArrayList<>();
		for (Training t : new LinkedHashSet<>(trainings)) {
			if (current(t.module(), Jars.jar(home, t.module())).isEmpty()) {
				todo.add(t);
			}
		}
		if (todo.isEmpty()) {
			return;
		}
		progress.accept("class-data sharing: training " + String.join(", ", todo.stream().map(Training::module).toList())
				+ " once (a start that exits when ready, archived into <module>/target/cds; DAMSELFLY_CDS=0 skips it)");
		List<Thread> threads = todo.stream().map((t) -> {
			Thread thread = new Thread(() -> {
				try {
					train(t);
				}
				catch (IOException | RuntimeException ex) {
					progress.accept("class-data sharing: no archive for " + t.module() + " (" + ex.getMessage()
							+ "); its nodes start without one");
				}
			}, "cds-" + t.module());
			thread.start();
			return thread;
		}).toList();
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void train(Training t) throws IOException {
		Path jar = Jars.jar(home, t.module());
		Path dir = dir(t.module());
		Files.createDirectories(dir.getParent());
		try (FileChannel lockFile = FileChannel.open(dir.getParent().resolve("cds.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
			if (current(t.module(), jar).isPresent()) {
				return;
			}
			wipe(dir);
			Files.createDirectories(dir);
			run(dir, List.of(javaBinary(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
					dir.toString(), "--force"), 120, true);
			Path extracted = dir.resolve(jar.getFileName());
			Path storage = Files.createDirectories(dir.resolve("training"));
			Path partial = dir.resolve(ARCHIVE + ".partial");
			List<String> command = new ArrayList<>();
			command.add(javaBinary());
			command.addAll(t.jvmOptions());
			command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
					"-Dspring.context.exit=onRefresh", "-jar", extracted.toString(), "--server.port=0",
					"--damselfly.storage.dir=" + storage, "--logging.level.root=WARN"));
			t.properties().forEach((p) -> command.add("--" + p));
			// The exit code is not checked: a run that failed late still archived what it loaded.
			run(dir, command, 300, false);
			if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
				throw new IOException("the training run wrote no archive; see " + dir.resolve("training.log"));
			}
			Files.move(partial, dir.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
			Files.writeString(dir.resolve(STAMP), stamp(jar));
			wipe(storage);
		}
	}

	private static void run(Path dir, List<String> command, long timeoutSeconds, boolean mustSucceed)
			throws IOException {
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("training.log").toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				// SIGTERM, not SIGKILL: a JVM that exits on a signal still writes what it loaded to its archive.
				process.destroy();
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
				if (!mustSucceed) {
					return;
				}
				throw new IOException("'" + String.join(" ", command.subList(0, 4)) + " ...' took over " + timeoutSeconds
						+ " s");
			}
			if (mustSucceed && process.exitValue() != 0) {
				throw new IOException("'" + String.join(" ", command.subList(0, 4)) + " ...' exited with "
						+ process.exitValue() + "; see " + dir.resolve("training.log"));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/** What the archive depends on: the jar (size and time) and the JDK build. */
	static String stamp(Path jar) throws IOException {
		return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + jar.getFileName() + " "
				+ System.getProperty("java.vm.version") + "\n";
	}

	private static void wipe(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * One training run.
	 *
	 * @param module the Maven module whose jar is trained
	 * @param jvmOptions the options its nodes run with
	 * @param properties Spring properties ({@code key=value}) that let it start alone
	 */
	record Training(String module, List<String> jvmOptions, List<String> properties) {
	}

}
