package io.damselfly.peer.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks an {@code output} path from a download request: absolute, already normalized, a file under
 * one of the allowed directories, and with a parent that really lies there once symbolic links are
 * resolved. Nothing else from the network reaches the filesystem.
 */
public final class OutputPaths {

	private OutputPaths() {
	}

	/**
	 * @return the path to write
	 * @throws IllegalArgumentException saying what is wrong
	 */
	public static Path validate(String output, List<Path> allowedDirs) {
		if (allowedDirs.isEmpty()) {
			throw new IllegalArgumentException("output is refused: this peer writes no files for callers "
					+ "(set damselfly.peer.allowed-output-dirs to allow some), or read the bytes from "
					+ "/api/v1/downloads/{id}/content");
		}
		Path path;
		try {
			path = Path.of(output);
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("output is not a valid path: " + ex.getReason());
		}
		if (!path.isAbsolute()) {
			throw new IllegalArgumentException("output must be an absolute path, got '" + output + "'");
		}
		if (!path.normalize().equals(path) || output.contains("/./") || output.endsWith("/.")) {
			throw new IllegalArgumentException("output must be a normalized path (no '.' or '..'), got '" + output + "'");
		}
		if (path.getFileName() == null || output.endsWith("/")) {
			throw new IllegalArgumentException("output must name a file, got '" + output + "'");
		}
		Path parent = path.getParent();
		Path realParent;
		try {
			realParent = parent.toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("the directory of output does not exist: " + parent);
		}
		if (Files.isSymbolicLink(path)) {
			throw new IllegalArgumentException("output is a symbolic link: " + output);
		}
		if (Files.isDirectory(path)) {
			throw new IllegalArgumentException("output is a directory: " + output);
		}
		for (Path dir : allowedDirs) {
			Path realDir = real(dir);
			if (realDir != null && realParent.startsWith(realDir)) {
				return realParent.resolve(path.getFileName());
			}
		}
		throw new IllegalArgumentException("output must lie under one of " + allowedDirs + ", got '" + output + "'");
	}

	private static Path real(Path dir) {
		try {
			return dir.toAbsolutePath().normalize().toRealPath();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
