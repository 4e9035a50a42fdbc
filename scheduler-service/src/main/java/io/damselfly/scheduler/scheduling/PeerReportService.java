package io.damselfly.scheduler.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.peer.FailureKind;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerState;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.piece.PieceMath;
import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.host.BreakerWatch;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.metrics.SchedulerMetrics;
import io.damselfly.scheduler.state.BatchOutcome;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.HostRepository.HostOutcomes;
import io.damselfly.scheduler.state.PeerEnd;
import io.damselfly.scheduler.state.PieceBatch;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.damselfly.service.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * What peers report after scheduling: piece results in batches, and the end of their download
 * (finished, failed, left). Piece results feed the bitmaps and the servable index the scheduler samples
 * from, the recorded piece digests, the per-host statistics behind the upload success rate and the
 * bad-node filter, and the parent hosts' shared breakers (one script per parent host and report).
 */
public class PeerReportService {

	private static final Logger logger = LoggerFactory.getLogger(PeerReportService.class);

	/** Most pieces a task may have: piece numbers are capped at 1,000,000 on the wire. */
	static final long MAX_PIECES = 1_000_001;

	private final TaskStateRepository tasks;

	private final HostRepository hosts;

	private final ClusterConfigSource configs;

	private final SchedulerMetrics metrics;

	private final BreakerWatch breakers;

	private final Clock clock;

	public PeerReportService(TaskStateRepository tasks, HostRepository hosts, ClusterConfigSource configs,
			SchedulerMetrics metrics, BreakerWatch breakers, Clock clock) {
		this.tasks = tasks;
		this.hosts = hosts;
		this.configs = configs;
		this.metrics = metrics;
		this.breakers = breakers;
		this.clock = clock;
	}

	public Mono<Void> report(String peerId, PieceReport report) {
		for (int i = 0; i < report.pieces().size(); i++) {
			PieceResult result = report.pieces().get(i);
			if (!result.success() && result.failure() == null) {
				throw ApiException.badRequest("pieces[" + i + "].failure is required when success is false");
			}
		}
		Sizes sizes = sizes(report.contentLength(), report.pieceSize());
		return configs.current().flatMap((config) -> {
			PieceBatch batch = new PieceBatch(report.taskId(), peerId, sizes.contentLength, sizes.pieceSize,
					sizes.pieceCount, report.pieces(), config.taskTtlSeconds(), config.peerTtlSeconds(), clock.millis());
			return tasks.applyPieces(batch).flatMap((outcome) -> switch (outcome.status()) {
				case NOT_FOUND -> Mono.error(ApiException.notFound(notRegistered(peerId, report.taskId())));
				case GONE -> Mono.error(ApiException.conflict("peer " + peerId + " is " + outcome.peerState()
						+ " on task " + report.taskId() + ": register again before reporting pieces"));
				case RANGE -> Mono.error(ApiException.badRequest("piece " + outcome.outOfRangePiece()
						+ " is out of range [0, " + outcome.pieceCount() + ")"));
				case FORBIDDEN -> {
					metrics.refusedReport();
					logger.warn("refused report: task={} peer={} piece={} claims an origin piece, but the peer was"
							+ " not sent to the origin; its digests and sizes are not taken", report.taskId(), peerId,
							outcome.outOfRangePiece());
					yield Mono.error(new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "peer " + peerId
							+ " was not sent to the origin for task " + report.taskId() + ", so it cannot report piece "
							+ outcome.outOfRangePiece() + " as fetched from the origin: the batch was refused"));
				}
				case OK -> account(peerId, report, outcome, config);
			});
		});
	}

	private Mono<Void> account(String peerId, PieceReport report, BatchOutcome outcome, ClusterConfig config) {
		Map<String, Upload> uploads = new LinkedHashMap<>();
		long originBytes = 0;
		long peerBytes = 0;
		for (int i = 0; i < report.pieces().size(); i++) {
			PieceResult result = report.pieces().get(i);
			char verdict = outcome.verdicts().charAt(i);
			String host = outcome.parentHosts().get(i);
			if (verdict == 'A') {
				if (result.fromOrigin()) {
					originBytes += result.length();
				}
				else {
					peerBytes += result.length();
				}
			}
			if (verdict == 'U') {
				metrics.framedReport();
				logger.warn("framed parent: task={} peer={} piece={} blames {}, which was never handed to it;"
						+ " not counted against it", report.taskId(), peerId, result.number(), result.parentPeerId());
			}
			if (verdict == 'M') {
				logger.warn("digest mismatch: task={} peer={} piece={} from={} disagrees with the recorded digest;"
						+ " ignored and counted against the parent", report.taskId(), peerId, result.number(),
						result.fromOrigin() ? "origin" : result.parentPeerId());
			}
			if (!host.isEmpty()) {
				Upload upload = uploads.computeIfAbsent(host, (h) -> new Upload());
				if (verdict == 'A') {
					upload.ok++;
					upload.costs.add(result.costMillis());
					upload.codes.append('S');
				}
				else {
					upload.failed++;
					// A piece the scheduler found disagreeing with the task's digest counts as the child's own check would;
					// a reported failure always names its kind (checked at the top of report()).
					FailureKind kind = (verdict == 'M') ? FailureKind.DIGEST_MISMATCH
							: java.util.Objects.requireNonNull(result.failure());
					upload.codes.append(HostBreaker.code(kind));
				}
			}
		}
		metrics.traffic(originBytes, peerBytes);
		Duration ttl = Duration.ofSeconds(config.peerTtlSeconds());
		long now = clock.millis();
		return Flux.fromIterable(uploads.entrySet())
			.flatMap((e) -> {
				Upload u = e.getValue();
				return hosts.recordOutcomes(e.getKey(), new HostOutcomes(u.ok, u.failed, u.costs, u.codes.toString()), ttl,
						now).doOnNext((update) -> breakers.changed(e.getKey(), update));
			})
			.then();
	}

	public Mono<Void> finished(String peerId, PeerOutcome outcome) {
		Sizes sizes = (outcome.contentLength() != null) ? sizes(outcome.contentLength(), null) : Sizes.UNKNOWN;
		return end(peerId, outcome.taskId(), PeerState.SUCCEEDED, sizes);
	}

	public Mono<Void> failed(String peerId, PeerOutcome outcome) {
		if (outcome.reason() != null) {
			logger.info("peer failed: task={} peer={} reason={}", outcome.taskId(), peerId, outcome.reason());
		}
		return end(peerId, outcome.taskId(), PeerState.FAILED, Sizes.UNKNOWN);
	}

	public Mono<Void> leave(String peerId, String taskId) {
		return end(peerId, taskId, PeerState.LEFT, Sizes.UNKNOWN);
	}

	private Mono<Void> end(String peerId, String taskId, PeerState outcome, Sizes sizes) {
		return configs.current()
			.flatMap((config) -> tasks.endPeer(new PeerEnd(taskId, peerId, outcome, sizes.contentLength,
					sizes.pieceSize, sizes.pieceCount, config.peerTtlSeconds(), clock.millis())))
			.flatMap((known) -> known ? Mono.<Void>empty()
					: Mono.error(ApiException.notFound(notRegistered(peerId, taskId))));
	}

	/** Checks and completes the sizes a reporter states; 400 when they give an absurd piece count. */
	static Sizes sizes(@Nullable Long contentLength, @Nullable Long pieceSize) {
		if (contentLength == null || contentLength < 0) {
			return new Sizes(null, pieceSize, null);
		}
		long size = (pieceSize != null) ? pieceSize : PieceMath.pieceSize(contentLength);
		long count = (contentLength + size - 1) / size;
		if (count > MAX_PIECES) {
			throw ApiException.badRequest("contentLength " + contentLength + " with pieceSize " + size + " gives "
					+ count + " pieces; at most " + MAX_PIECES);
		}
		return new Sizes(contentLength, size, (int) count);
	}

	private static String notRegistered(String peerId, String taskId) {
		return "peer " + peerId + " is not registered for task " + taskId;
	}

	record Sizes(@Nullable Long contentLength, @Nullable Long pieceSize, @Nullable Integer pieceCount) {

		static final Sizes UNKNOWN = new Sizes(null, null, null);

	}

	private static final class Upload {

		long ok;

		long failed;

		final List<Long> costs = new ArrayList<>();

		final StringBuilder codes = new StringBuilder();

	}

}
