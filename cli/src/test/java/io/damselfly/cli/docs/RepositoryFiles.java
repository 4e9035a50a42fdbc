package io.damselfly.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The files of the repository a reader sees: build output, run directories and VCS data left out. */
final class RepositoryFiles {

	/** Directories that hold nothing written by hand. */
	private static final Set<String> SKIPPED = Set.of(".git", "target", ".damselfly", "node_modules", ".idea",
			".mvn");

	/** Larger files are data, not text anyone cites from. */
	private static final long MAX_TEXT_BYTES = 1024 * 1024;

	private RepositoryFiles() {
	}

	/** The repository root: the nearest directory up from the working directory with the wrapper and the README. */
	static Path root() {
		Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path d = dir; d != null; d = d.getParent()) {
			if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("README.md"))) {
				return d;
			}
		}
		throw new IllegalStateException("no repository root (mvnw and README.md) above " + dir);
	}

	/** Every text file under {@code root}, sorted; binary files (a NUL byte in the first 8 KiB) are left out. */
	static List<Path> textFiles(Path root) {
		List<Path> files = new ArrayList<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					return (!dir.equals(root) && SKIPPED.contains(dir.getFileName().toString()))
							? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					if (attrs.isRegularFile() && attrs.size() <= MAX_TEXT_BYTES && isText(file)) {
						files.add(file);
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		files.sort(null);
		return files;
	}

	static List<Path> markdownFiles(Path root) {
		return textFiles(root).stream().filter((f) -> f.getFileName().toString().endsWith(".md")).toList();
	}

	private static boolean isText(Path file) throws IOException {
		try (var in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(8192);
			for (byte b : head) {
				if (b == 0) {
					return false;
				}
			}
			return true;
		}
	}

}
