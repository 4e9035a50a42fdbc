package io.damselfly.peer.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.id.TaskIds;
import io.damselfly.peer.source.OriginHeaders;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.Failures;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Local downloads: validates a request, joins the running fetch of its task or starts one (two
 * downloads of one task share one fetch), then checks the whole-file digest when the request gives one
 * and copies the file to the requested output. Every piece is already verified against its SHA-256, so
 * without a requested digest the whole file is hashed after the download succeeded, off its critical
 * path, and the record shows the digest once it is known. Keeps the latest download records in memory.
 */
public class DownloadService {

	private static final Logger logger = LoggerFactory.getLogger(DownloadService.class);

	private final DownloadEngine engine;

	private final TaskStore store;

	private final DownloadProperties properties;

	private final BackgroundWork background;

	private final Clock clock;

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	private final Map<String, Download> downloads;

	private record Running(TaskFetch fetch, Mono<Void> result) {
	}

	public DownloadService(DownloadEngine engine, TaskStore store, DownloadProperties properties,
			BackgroundWork background, Clock clock) {
		this.engine = engine;
		this.store = store;
		this.properties = properties;
		this.background = background;
		this.clock = clock;
		int kept = properties.downloadsKept();
		this.downloads = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Download> eldest) {
				return size() > kept;
			}
		});
	}

	/**
	 * Starts a download.
	 * @throws IllegalArgumentException when the request is malformed (URL, digest, headers, output)
	 */
	public DownloadAccepted start(DownloadRequest request) {
		URI url = TaskIds.requireHttpUrl(request.url());
		String expected = (request.digest() != null) ? Digests.parseUserDigest(request.digest()) : null;
		Map<String, String> headers = OriginHeaders.sanitize(request.headers());
		Path output = (request.output() != null) ? OutputPaths.validate(request.output(), properties.allowedOutputDirs())
				: null;
		String taskId = TaskIds.derive(request.url(), request.tag(), request.application());
		Running run = running.compute(taskId, (id, current) -> (current != null) ? current
				: start(new TaskFetch(id, url, request.tag(), request.application(), request.digest(), headers)));
		Download download = new Download(newId(), run.fetch(), expected, output, clock.instant());
		downloads.put(download.id(), download);
		background.run("download " + download.id(),
				store.whilePinned(taskId, () -> run.result().then(Mono.defer(() -> deliver(download))))
					.doOnSuccess((done) -> {
						download.succeeded(clock.instant());
						if (download.sha256() == null) {
							hashLater(download);
						}
					}),
				(ex) -> download.failed(describe(ex), download.sha256(), clock.instant()));
		return new DownloadAccepted(download.id(), taskId);
	}

	private Running start(TaskFetch fetch) {
		Running[] self = new Running[1];
		Mono<Void> result = engine.run(fetch).doFinally((signal) -> running.remove(fetch.taskId(), self[0])).cache();
		self[0] = new Running(fetch, result);
		return self[0];
	}

	private Mono<Void> deliver(Download download) {
		String taskId = download.fetch().taskId();
		String expected = download.expectedSha256();
		Mono<Void> checked = (expected == null) ? Mono.empty() : store.sha256(taskId).flatMap((sha) -> {
			download.sha256(sha);
			return expected.equals(sha) ? Mono.<Void>empty()
					: Mono.error(new DownloadFailedException("digest mismatch: the request expects sha256:" + expected
							+ " but the content has sha256:" + sha));
		});
		Path output = download.output();
		return checked.then((output != null) ? store.copyTo(taskId, output) : Mono.empty());
	}

	/** Hashes the whole file for the record; a task evicted meanwhile simply keeps no digest. */
	private void hashLater(Download download) {
		String taskId = download.fetch().taskId();
		background.run("hash of task " + taskId, store.sha256(taskId)
			// Fail-open: the download succeeded with every piece verified; the whole-file digest is informative.
			.onErrorResume(StorageException.class, (ex) -> Mono.empty())
			.doOnNext(download::sha256),
				(ex) -> logger.warn("Could not hash task {}: {}", taskId, ex.toString()));
	}

	private static String describe(Throwable ex) {
		return (ex instanceof DownloadFailedException) ? String.valueOf(ex.getMessage()) : Failures.describe(ex);
	}

	private static String newId() {
		byte[] random = new byte[8];
		ThreadLocalRandom.current().nextBytes(random);
		return "dl-" + HexFormat.of().formatHex(random);
	}

	public Optional<Download> get(String id) {
		return Optional.ofNullable(downloads.get(id));
	}

	/**
	 * The file of a SUCCEEDED download, pinned until {@link #release}; empty when it was evicted.
	 * @throws IllegalStateException when the download has not succeeded
	 */
	public Optional<DownloadContent> content(Download download) {
		if (download.state() != DownloadState.SUCCEEDED) {
			throw new IllegalStateException("download " + download.id() + " is " + download.state()
					+ ((download.error() != null) ? ": " + download.error() : "") + "; content is served once SUCCEEDED");
		}
		String taskId = download.fetch().taskId();
		return store.acquireContent(taskId).map((path) -> new DownloadContent(taskId, path,
				store.snapshot(taskId).orElseThrow().contentLength(), download.sha256()));
	}

	/** Ends the pin {@link #content} took. */
	public void release(DownloadContent content) {
		store.unpin(content.taskId());
	}

	public DownloadStatus status(Download download) {
		TaskFetch fetch = download.fetch();
		TaskSnapshot snapshot = store.snapshot(fetch.taskId()).orElse(null);
		long completed = (snapshot != null) ? snapshot.completedBytes() : 0;
		long length = (snapshot != null) ? snapshot.contentLength() : -1;
		@Nullable String reason = (fetch.bytesFromOrigin() > 0 || fetch.backToSourceReason() != null)
				? fetch.backToSourceReason() : null;
		return new DownloadStatus(download.id(), fetch.taskId(), (snapshot != null) ? snapshot.peerId() : null,
				fetch.url().toString(), download.state(), completed,
				length, fetch.bytesFromPeers(), fetch.bytesFromOrigin(), fetch.parents(), reason, download.error(),
				download.sha256(), download.startedAt(), download.finishedAt());
	}

}
