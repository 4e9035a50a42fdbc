package io.damselfly.peer.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import io.damselfly.peer.freshness.Freshness;
import io.damselfly.peer.freshness.Generation;
import io.damselfly.peer.freshness.PrivateContent;
import io.damselfly.peer.source.OriginHeaders;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.Failures;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * Local downloads: validates a request, asks {@link Freshness} which generation of the content it is,
 * joins the running fetch of its task or starts one (two
 * downloads of one task share one fetch), then checks the whole-file digest when the request gives one
 * and copies the file to the requested output. Every piece is already verified against its SHA-256, so
 * without a requested digest the whole file is hashed only when someone asks for its digest
 * ({@link #status(Download, boolean)}), once per task: hashing every file after every download cost a
 * daemon about 0.5 s of CPU per GiB, most often for a digest nobody read (the CLI hashes its own copy).
 * Keeps the latest download records in memory.
 */
public class DownloadService {

	private static final Logger logger = LoggerFactory.getLogger(DownloadService.class);

	private final DownloadEngine engine;

	private final TaskStore store;

	private final Freshness freshness;

	private final PrivateContent privateContent;

	private final DownloadProperties properties;

	private final BackgroundWork background;

	private final Clock clock;

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	private final Map<String, Download> downloads;

	private final VerifiedPieces pieces;

	/** Whole-file hashes running now, by task: callers asking at once share one. */
	private final Map<String, Mono<Optional<String>>> hashing = new ConcurrentHashMap<>();

	private record Running(TaskFetch fetch, Mono<Void> result) {
	}

	public DownloadService(DownloadEngine engine, TaskStore store, Freshness freshness, PrivateContent privateContent,
			DownloadProperties properties, BackgroundWork background, Clock clock) {
		this.engine = engine;
		this.freshness = freshness;
		this.privateContent = privateContent;
		this.store = store;
		this.properties = properties;
		this.background = background;
		this.clock = clock;
		this.pieces = new VerifiedPieces(store);
		int kept = properties.downloadsKept();
		this.downloads = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Download> eldest) {
				return size() > kept;
			}
		});
	}

	/**
	 * Starts a download, once the origin has said which generation of the content it is
	 * ({@link Freshness}).
	 * @return the accepted download; an error {@link IllegalArgumentException} when the request is malformed
	 * (URL, digest, headers, output), {@link io.damselfly.peer.freshness.OriginRefusedException} or
	 * {@link io.damselfly.peer.freshness.OriginUnreachableException} when the origin refused or could not
	 * be asked and nothing may be served instead
	 */
	public Mono<DownloadAccepted> start(DownloadRequest request) {
		// The output path is checked against the filesystem (real paths), so off the event loop.
		return Mono.fromCallable(() -> checked(request)).subscribeOn(Schedulers.boundedElastic())
			.flatMap((checked) -> (request.taskId() != null) ? Mono.fromCallable(() -> startGiven(request, checked))
					: freshness.resolve(checked.url(), request.tag(), request.application(), request.digest(),
							checked.headers())
						.flatMap((generation) -> privateContent.admit(generation.taskId(), checked.url(),
								checked.headers(), generation).then(Mono.fromCallable(() -> start(request, checked,
										generation)))));
	}

	/**
	 * A request that names its task (a scheduler triggering a seed for a blob): the id must be the URL's
	 * or the digest's blob id, and a blob is content-addressed, so the origin is not asked about it.
	 */
	private DownloadAccepted startGiven(DownloadRequest request, Checked checked) {
		String taskId = TaskIds.resolve(request.taskId(), request.url(), request.tag(), request.application(),
				request.digest(), java.util.Set.of());
		boolean blob = checked.expected() != null && taskId.equals(TaskIds.forBlob("sha256:" + checked.expected()));
		Generation generation = blob ? contentAddressed(taskId)
				: new Generation(taskId, null, null, Generation.NOT_CHECKED + ": task named by the request");
		return begin(taskId, checked.url(), request, checked.expected(), checked.headers(), checked.output(),
				generation, blob);
	}

	private record Checked(URI url, @Nullable String expected, Map<String, String> headers, @Nullable Path output) {
	}

	private Checked checked(DownloadRequest request) {
		URI url = TaskIds.requireHttpUrl(request.url());
		String expected = (request.digest() != null) ? Digests.parseUserDigest(request.digest()) : null;
		Map<String, String> headers = OriginHeaders.sanitize(request.headers());
		Path output = (request.output() != null) ? OutputPaths.validate(request.output(), properties.allowedOutputDirs())
				: null;
		return new Checked(url, expected, headers, output);
	}

	private DownloadAccepted start(DownloadRequest request, Checked checked, Generation generation) {
		return begin(generation.taskId(), checked.url(), request, checked.expected(), checked.headers(),
				checked.output(), generation, false);
	}

	/**
	 * Starts, or joins, the content-addressed task of a registry blob (docs/architecture.md#registry-mirror-and-proxy):
	 * its id comes from the digest, so one layer is one task whatever registry, mirror or tag it came
	 * through, and the download succeeds only once the whole content matched the digest. A blob whose
	 * content does not match is dropped from storage, so it is never served again. The digest is the
	 * validator, so the origin is not asked whether the content changed; it is asked whether it accepts this
	 * caller when the content is private ({@link PrivateContent}).
	 * @param digest {@code sha256:<64 lower-case hex>}
	 * @param url where this daemon would fetch it from the origin
	 * @param headers origin request headers (credentials), already sanitized
	 * @param originAccepted the origin has just answered this caller's own request with a 2xx
	 * @throws IllegalArgumentException when the digest or URL is malformed
	 */
	public Mono<Download> startBlob(String digest, URI url, Map<String, String> headers, boolean originAccepted) {
		String taskId = TaskIds.forBlob(digest);
		TaskIds.requireHttpUrl(url.toString());
		DownloadRequest request = new DownloadRequest(url.toString(), digest, null, null, headers, null, taskId);
		Generation generation = originAccepted ? new Generation(taskId, null, null, ACCEPTED_BY_ORIGIN)
				: contentAddressed(taskId);
		return privateContent.admit(taskId, url, headers, generation).then(Mono.fromCallable(() -> {
			DownloadAccepted accepted = begin(taskId, url, request, Digests.parseUserDigest(digest), headers, null,
					generation, true);
			return downloads.get(accepted.id());
		}));
	}

	/** Starts, or joins, the download of a task by URL (no expected digest unless the caller checks one). */
	public Mono<Download> startUrl(URI url, Map<String, String> headers) {
		return start(new DownloadRequest(url.toString(), null, null, null, headers, null))
			.map((accepted) -> downloads.get(accepted.id()));
	}

	/**
	 * Bytes {@code range} of a download's content in order, each piece streamed once it is held (so
	 * verified); the last piece only once the download succeeded (for a blob: matched its digest).
	 * @param sized the task's snapshot with its length and piece size known, from {@link #sized}
	 */
	public Flux<DataBuffer> content(Download download, TaskSnapshot sized, ByteRange range, DataBufferFactory factory) {
		return pieces.stream(sized, range, download.done(), factory);
	}

	/** The task's snapshot once its length and piece size are known; fails when the download fails first. */
	public Mono<TaskSnapshot> sized(Download download) {
		return pieces.sized(download.fetch().taskId(), download.done());
	}

	private static final String ACCEPTED_BY_ORIGIN = "content-addressed blob; the origin accepted the caller";

	private static Generation contentAddressed(String taskId) {
		return new Generation(taskId, null, null, Generation.NOT_CHECKED + ": content-addressed blob");
	}

	private DownloadAccepted begin(String taskId, URI url, DownloadRequest request, @Nullable String expected,
			Map<String, String> headers, @Nullable Path output, Generation generation, boolean blob) {
		Running run = running.compute(taskId, (id, current) -> {
			if (current != null) {
				return current;
			}
			if (running.size() >= properties.maxActiveTasks()) {
				throw new TaskLimitException(properties.maxActiveTasks());
			}
			return start(new TaskFetch(id, url, request.tag(), request.application(), request.digest(), headers,
					generation.validator(), generation.validatedAt()));
		});
		Download download = new Download(newId(), run.fetch(), expected, output, clock.instant(),
				generation.freshness(), blob);
		downloads.put(download.id(), download);
		background.run("download " + download.id(),
				store.whilePinned(taskId, () -> run.result().then(Mono.defer(() -> deliver(download))))
					.doOnSuccess((done) -> download.succeeded(clock.instant())),
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
			if (expected.equals(sha)) {
				return Mono.<Void>empty();
			}
			if (download.blob()) {
				logger.warn("Blob task {} does not match its digest sha256:{} (content has sha256:{}): dropping it",
						taskId, expected, sha);
				store.discard(taskId, "digest mismatch");
			}
			return Mono.error(new DownloadFailedException("digest mismatch: the request expects sha256:" + expected
					+ " but the content has sha256:" + sha));
		});
		Path output = download.output();
		return checked.then((output != null) ? store.copyTo(taskId, output) : Mono.empty());
	}

	/**
	 * A download's status, once it has ended or {@code wait} has passed, whichever comes first: a caller
	 * waiting for the end asks again every {@code wait} and hears of it at once, instead of polling a
	 * running download several times a second.
	 */
	public Mono<DownloadStatus> status(Download download, boolean withSha256, Duration wait) {
		if (wait.isZero() || download.state() == DownloadState.SUCCEEDED || download.state() == DownloadState.FAILED) {
			return status(download, withSha256);
		}
		return download.done().onErrorResume((ex) -> Mono.empty())
			.timeout(wait, Mono.empty())
			.then(Mono.defer(() -> status(download, withSha256)));
	}

	/**
	 * A download's status; with {@code withSha256}, a SUCCEEDED one's carries the whole file's SHA-256,
	 * hashed now if no one has asked for it before (once per task, however many ask at once). The task is
	 * pinned while it is hashed; one evicted meanwhile simply has no digest.
	 */
	public Mono<DownloadStatus> status(Download download, boolean withSha256) {
		if (!withSha256 || download.state() != DownloadState.SUCCEEDED || download.sha256() != null) {
			return Mono.fromSupplier(() -> status(download));
		}
		String taskId = download.fetch().taskId();
		return hashing.computeIfAbsent(taskId, (id) -> store.whilePinned(id, () -> store.sha256(id))
			.map(Optional::of)
			.onErrorResume(StorageException.class, (ex) -> {
				logger.info("Could not hash task {}: {}", id, ex.getMessage());
				return Mono.just(Optional.empty());
			})
			.doFinally((signal) -> hashing.remove(id))
			.cache())
			.doOnNext((sha) -> sha.ifPresent(download::sha256))
			.then(Mono.fromSupplier(() -> status(download)));
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
				download.sha256(), download.startedAt(), download.finishedAt(), download.freshness());
	}

}
