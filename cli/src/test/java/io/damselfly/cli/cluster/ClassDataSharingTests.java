package io.damselfly.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTests {

	private static final String MODULE = "seed-peer-service";

	@TempDir
	Path home;

	private final List<String> progress = new java.util.ArrayList<>();

	private Path jar() throws IOException {
		Path jar = home.resolve(MODULE).resolve("target").resolve(MODULE + "-" + Jars.VERSION + ".jar");
		Files.createDirectories(jar.getParent());
		if (!Files.exists(jar)) {
			Files.writeString(jar, "a boot jar");
		}
		return jar;
	}

	/** Lays out what a training run leaves: the extracted jar, the archive, and the stamp of the jar. */
	private Path trained(ClassDataSharing cds, Path jar) throws IOException {
		Path dir = Files.createDirectories(cds.dir(MODULE));
		Files.writeString(dir.resolve(jar.getFileName()), "the extracted jar");
		Files.writeString(dir.resolve("app.jsa"), "an archive");
		Files.writeString(dir.resolve("source.txt"), ClassDataSharing.stamp(jar));
		return dir;
	}

	@Test
	void launchRunsTheJarAsItIsWhenNoArchiveWasMade() throws IOException {
		Path jar = jar();
		ClassDataSharing cds = new ClassDataSharing(home, progress::add, true);
		assertThat(cds.launch(MODULE, jar)).containsExactly("-jar", jar.toString());
	}

	@Test
	void launchMapsTheArchiveAndRunsTheExtractedJarWhenTheArchiveIsCurrent() throws IOException {
		Path jar = jar();
		ClassDataSharing cds = new ClassDataSharing(home, progress::add, true);
		Path dir = trained(cds, jar);
		assertThat(cds.launch(MODULE, jar)).containsExactly("-XX:SharedArchiveFile=" + dir.resolve("app.jsa"),
				"-Xshare:auto", "-jar", dir.resolve(jar.getFileName()).toString());
	}

	@Test
	void aRebuiltJarMakesTheArchiveStale() throws IOException {
		Path jar = jar();
		ClassDataSharing cds = new ClassDataSharing(home, progress::add, true);
		trained(cds, jar);
		Files.writeString(jar, "a boot jar, rebuilt with more classes");
		assertThat(cds.current(MODULE, jar)).isEmpty();
		assertThat(cds.launch(MODULE, jar)).containsExactly("-jar", jar.toString());
	}

	@Test
	void turnedOffItNeverUsesAnArchiveNorTrains() throws IOException {
		Path jar = jar();
		ClassDataSharing cds = new ClassDataSharing(home, progress::add, false);
		trained(cds, jar);
		assertThat(cds.launch(MODULE, jar)).containsExactly("-jar", jar.toString());
		cds.prepare(List.of(new ClassDataSharing.Training(MODULE, List.of(), List.of())));
		assertThat(progress).isEmpty();
	}

	@Test
	void aFailedTrainingLeavesTheNodesOnTheirJar() throws IOException {
		Path jar = jar();
		ClassDataSharing cds = new ClassDataSharing(home, progress::add, true);
		// Not a Boot jar: extraction fails, and so does the training, without an exception out of prepare.
		cds.prepare(List.of(new ClassDataSharing.Training(MODULE, List.of(), List.of())));
		assertThat(progress).anyMatch((line) -> line.startsWith("class-data sharing: no archive for " + MODULE));
		assertThat(cds.launch(MODULE, jar)).containsExactly("-jar", jar.toString());
	}

	@Test
	void oneTrainingPerModuleOnItsOwnPortStorageAndSchedulerId() {
		List<NodeSpec> nodes = new ClusterPlan(3, 2, 3, 0, null, home.resolve("run"), List.of()).nodes();
		List<ClassDataSharing.Training> trainings = LocalCluster.trainings(nodes);
		assertThat(trainings).extracting(ClassDataSharing.Training::module).containsExactly("manager-service",
				"scheduler-service", "seed-peer-service", "gateway");
		assertThat(trainings).allSatisfy((t) -> assertThat(t.properties())
			.noneMatch((p) -> p.startsWith("server.port=") || p.startsWith("damselfly.storage.dir=")));
		assertThat(trainings.get(1).properties()).contains("damselfly.scheduler.instance-id=cds-training")
			.doesNotContain("damselfly.scheduler.instance-id=scheduler-1");
		assertThat(trainings.get(2).jvmOptions()).contains("-Xmx512m");
	}

}
