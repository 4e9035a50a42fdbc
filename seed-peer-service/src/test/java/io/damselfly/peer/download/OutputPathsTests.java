package io.damselfly.peer.download;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutputPathsTests {

	@TempDir
	Path allowed;

	@TempDir
	Path elsewhere;

	@Test
	void acceptsAFileUnderAnAllowedDirectory() throws Exception {
		Files.createDirectories(allowed.resolve("sub"));
		Path out = OutputPaths.validate(allowed.resolve("sub/file.bin").toString(), List.of(allowed));
		assertThat(out).isEqualTo(allowed.toRealPath().resolve("sub/file.bin"));
	}

	@Test
	void refusesRelativeUnnormalizedOutsideAndSymlinkedEscapes() throws Exception {
		List<Path> dirs = List.of(allowed);
		assertThatIllegalArgumentException().isThrownBy(() -> OutputPaths.validate("rel/file", dirs))
			.withMessageContaining("absolute");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutputPaths.validate(allowed + "/../" + elsewhere.getFileName() + "/f", dirs))
			.withMessageContaining("normalized");
		assertThatIllegalArgumentException().isThrownBy(() -> OutputPaths.validate(elsewhere + "/f", dirs))
			.withMessageContaining("must lie under");
		Files.createSymbolicLink(allowed.resolve("link"), elsewhere);
		assertThatIllegalArgumentException().isThrownBy(() -> OutputPaths.validate(allowed + "/link/f", dirs))
			.withMessageContaining("must lie under");
		assertThatIllegalArgumentException().isThrownBy(() -> OutputPaths.validate(allowed + "/missing/f", dirs))
			.withMessageContaining("does not exist");
		assertThatIllegalArgumentException().isThrownBy(() -> OutputPaths.validate(allowed.toString(), dirs))
			.withMessageContaining("directory");
	}

	@Test
	void refusesEveryOutputWhenNoDirectoryIsAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutputPaths.validate(allowed.resolve("file.bin").toString(), List.of()))
			.withMessageContaining("allowed-output-dirs");
		assertThat(allowed.resolve("file.bin")).doesNotExist();
	}

	@Test
	void refusesAFileThatIsASymbolicLinkOutOfTheDirectory() throws Exception {
		Files.createSymbolicLink(allowed.resolve("bashrc"), elsewhere.resolve("target"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutputPaths.validate(allowed.resolve("bashrc").toString(), List.of(allowed)))
			.withMessageContaining("symbolic link");
	}

}
