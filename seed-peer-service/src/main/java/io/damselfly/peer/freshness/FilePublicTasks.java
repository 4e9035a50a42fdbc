package io.damselfly.peer.freshness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;

import io.damselfly.common.id.Ids;

/**
 * One empty marker file per public task, {@code <dir>/<taskId>}, its modification time the last time it
 * was confirmed; a marker older than the task TTL is ignored, as its task is gone from this peer. The
 * name is checked as a task id before it touches the filesystem.
 */
public class FilePublicTasks implements PublicTasks {

	private final Path dir;

	private final Duration ttl;

	private final Clock clock;

	public FilePublicTasks(Path dir, Duration ttl, Clock clock) {
		this.dir = dir;
		this.ttl = ttl;
		this.clock = clock;
	}

	@Override
	public boolean isPublic(String taskId) {
		Path marker = dir.resolve(Ids.requireTaskId(taskId));
		try {
			return Files.getLastModifiedTime(marker).toInstant().plus(ttl).isAfter(clock.instant());
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			// Fail-closed: an unreadable marker means "not known public", so the origin is asked.
			return false;
		}
	}

	@Override
	public void markPublic(String taskId) {
		Path marker = dir.resolve(Ids.requireTaskId(taskId));
		try {
			Files.createDirectories(dir);
			if (!Files.exists(marker)) {
				Files.createFile(marker);
			}
			Files.setLastModifiedTime(marker, FileTime.from(clock.instant()));
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			// Created meanwhile by a concurrent caller: it is marked.
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot mark task " + taskId + " public at " + marker, ex);
		}
	}

}
