package io.damselfly.peer.freshness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.damselfly.common.id.Ids;
import io.damselfly.common.task.UrlGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One small JSON file per URL, {@code <dir>/<baseId>.json}, replaced atomically. A record older than
 * the task TTL is ignored: its task is gone from this peer and from the schedulers.
 */
public class FileGenerationStore implements GenerationStore {

	private static final Logger logger = LoggerFactory.getLogger(FileGenerationStore.class);

	private final Path dir;

	private final JsonMapper json;

	private final Duration ttl;

	private final Clock clock;

	public FileGenerationStore(Path dir, JsonMapper json, Duration ttl, Clock clock) {
		this.dir = dir;
		this.json = json;
		this.ttl = ttl;
		this.clock = clock;
	}

	@Override
	public Optional<UrlGeneration> find(String baseId) {
		Path file = dir.resolve(Ids.requireTaskId(baseId) + ".json");
		try {
			UrlGeneration generation = json.readValue(Files.readAllBytes(file), UrlGeneration.class);
			if (!generation.baseId().equals(baseId) || !Ids.isTaskId(generation.taskId())
					|| generation.validatedAt().plus(ttl).isBefore(clock.instant())) {
				return Optional.empty();
			}
			return Optional.of(generation);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | JacksonException ex) {
			// Fail-open: a damaged record only costs a plain (unconditional) revalidation.
			logger.warn("Ignoring unreadable generation record {}: {}", file, ex.toString());
			return Optional.empty();
		}
	}

	@Override
	public void save(UrlGeneration generation) {
		Path file = dir.resolve(Ids.requireTaskId(generation.baseId()) + ".json");
		try {
			Files.createDirectories(dir);
			Path tmp = Files.createTempFile(dir, generation.baseId(), ".tmp");
			Files.write(tmp, json.writeValueAsBytes(generation));
			try {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot save generation record " + file, ex);
		}
	}

}
