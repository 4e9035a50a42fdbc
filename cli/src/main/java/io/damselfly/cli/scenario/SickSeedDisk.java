package io.damselfly.cli.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * seed-2's disk in the drills that make a seed sick: a real 32 MiB tmpfs under its storage when this
 * machine lets one be mounted (root), else a 12 MB capacity setting that a download fills. Shared by the
 * disk-full and kill-manager drills, which fill it and heal it the same way.
 */
final class SickSeedDisk {

	private static final long MIB = 1024 * 1024;

	private final Path storage;

	private final boolean tmpfs;

	private SickSeedDisk(Path storage, boolean tmpfs) {
		this.storage = storage;
		this.tmpfs = tmpfs;
	}

	/** Prepares seed-2's storage under {@code runDir}, before the cluster starts. */
	static SickSeedDisk prepare(Path runDir) {
		Path storage = runDir.resolve("seed-2").resolve("storage").toAbsolutePath();
		return new SickSeedDisk(storage, DiskFiller.mountTmpfs(storage, "32m"));
	}

	boolean tmpfs() {
		return tmpfs;
	}

	/** The settings seed-2 needs: none on a tmpfs, a capacity it can fill otherwise. */
	List<String> overrides() {
		return tmpfs ? List.of() : List.of("seed-2:damselfly.storage.capacity=12MB",
				"seed-2:damselfly.storage.eviction-threshold-percent=100");
	}

	/** On a tmpfs, fills it with a file; without one, the caller downloads a filler to seed-2 instead. */
	void fillTmpfs(ScenarioContext ctx) {
		long written = DiskFiller.fill(storage.resolve("filler.bin"), 31 * MIB);
		ctx.log("wrote " + written + " bytes of filler into seed-2's 32 MiB tmpfs");
	}

	/**
	 * Frees the disk: deletes the filler file on a tmpfs; without one, stops seed-2, removes the filler
	 * task {@code fillerTask} from its cache and starts it again.
	 */
	void heal(ScenarioContext ctx, String fillerTask) throws Exception {
		if (tmpfs) {
			Files.deleteIfExists(storage.resolve("filler.bin"));
			ctx.log("deleted the filler from seed-2's tmpfs");
			return;
		}
		ctx.log("capacity fallback: stopping seed-2, removing the filler task from its cache, starting it again");
		ctx.cluster().kill("seed-2");
		Files.deleteIfExists(storage.resolve("tasks").resolve(fillerTask + ".data"));
		Files.deleteIfExists(storage.resolve("tasks").resolve(fillerTask + ".meta.json"));
		ctx.cluster().start("seed-2", Duration.ofMinutes(2));
	}

}
