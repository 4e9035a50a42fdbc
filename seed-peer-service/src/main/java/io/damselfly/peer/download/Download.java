package io.damselfly.peer.download;

import java.nio.file.Path;
import java.time.Instant;

import io.damselfly.common.download.DownloadState;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One local download request and how it ended. Its progress and provenance come from the shared
 * {@link TaskFetch} of its task.
 */
public final class Download {

	private final String id;

	private final TaskFetch fetch;

	private final @Nullable String expectedSha256;

	private final @Nullable Path output;

	private final Instant startedAt;

	private final String freshness;

	private volatile DownloadState state = DownloadState.RUNNING;

	private volatile @Nullable String error;

	private volatile @Nullable String sha256;

	private volatile @Nullable Instant finishedAt;

	private final Sinks.Empty<Void> done = Sinks.empty();

	private final boolean blob;

	Download(String id, TaskFetch fetch, @Nullable String expectedSha256, @Nullable Path output, Instant startedAt,
			String freshness, boolean blob) {
		this.freshness = freshness;
		this.id = id;
		this.blob = blob;
		this.fetch = fetch;
		this.expectedSha256 = expectedSha256;
		this.output = output;
		this.startedAt = startedAt;
	}

	void succeeded(Instant at) {
		finishedAt = at;
		state = DownloadState.SUCCEEDED;
		done.tryEmitEmpty();
	}

	/** The whole file's digest: before success when the request gave one to check, else soon after. */
	void sha256(String hex) {
		sha256 = hex;
	}

	void failed(String why, @Nullable String sha, Instant at) {
		error = why;
		sha256 = sha;
		finishedAt = at;
		state = DownloadState.FAILED;
		done.tryEmitError(new DownloadFailedException(why));
	}

	/** Completes when the download succeeded (its digest checked, if any), fails with its error otherwise. */
	public Mono<Void> done() {
		return done.asMono();
	}

	/** Whether this downloads a digest-addressed blob (its content is dropped when it does not match). */
	public boolean blob() {
		return blob;
	}

	public String id() {
		return id;
	}

	public TaskFetch fetch() {
		return fetch;
	}

	public @Nullable String expectedSha256() {
		return expectedSha256;
	}

	public @Nullable Path output() {
		return output;
	}

	public Instant startedAt() {
		return startedAt;
	}

	/** How the content was checked against the origin before this download joined its task. */
	public String freshness() {
		return freshness;
	}

	public DownloadState state() {
		return state;
	}

	public @Nullable String error() {
		return error;
	}

	public @Nullable String sha256() {
		return sha256;
	}

	public @Nullable Instant finishedAt() {
		return finishedAt;
	}

}
