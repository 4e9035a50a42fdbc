package io.damselfly.scheduler.scheduling;

import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.scheduler.host.HostCondition;
import io.damselfly.scheduler.host.HostRecord;
import org.jspecify.annotations.Nullable;

/**
 * Scores a candidate that survived the filters (docs/architecture.md#scheduling step 3):
 * {@code 0.2·pieceCompleteness + 0.2·uploadSuccessRate + 0.15·freeUploadRatio + 0.15·hostType
 * + 0.15·idcAffinity + 0.15·locationAffinity}, each part between 0 and 1.
 */
public final class Evaluator {

	public static final double PIECE_COMPLETENESS = 0.2;

	public static final double UPLOAD_SUCCESS_RATE = 0.2;

	public static final double FREE_UPLOAD_RATIO = 0.15;

	public static final double HOST_TYPE = 0.15;

	public static final double IDC_AFFINITY = 0.15;

	public static final double LOCATION_AFFINITY = 0.15;

	/**
	 * @param candidate the candidate
	 * @param condition its host's condition (a seed scores 1 on host type only while healthy)
	 * @param requester the requester's host, null when unknown (no affinity then)
	 * @param taskPieceCount the task's piece count, -1 while unknown
	 * @param mostPieces the most pieces any candidate holds, used while the piece count is unknown
	 * @param config cluster config (for upload slots)
	 */
	public Score score(Candidate candidate, HostCondition condition, @Nullable HostRecord requester, int taskPieceCount,
			int mostPieces, ClusterConfig config) {
		double pieces = pieceCompleteness(candidate.pieceCount(), taskPieceCount, mostPieces);
		double upload = candidate.stats().uploadSuccessRate();
		HostRecord host = candidate.host();
		double free = (host != null) ? host.freeUploadRatio(config) : 0;
		double type = (candidate.isSeed() && condition == HostCondition.HEALTHY) ? 1.0 : 0.5;
		double idc = (host != null && requester != null) ? idcAffinity(host.announce().idc(), requester.announce().idc()) : 0;
		double location = (host != null && requester != null)
				? locationAffinity(host.announce().location(), requester.announce().location()) : 0;
		double total = PIECE_COMPLETENESS * pieces + UPLOAD_SUCCESS_RATE * upload + FREE_UPLOAD_RATIO * free
				+ HOST_TYPE * type + IDC_AFFINITY * idc + LOCATION_AFFINITY * location;
		return new Score(total, pieces, upload, free, type, idc, location);
	}

	static double pieceCompleteness(int held, int taskPieceCount, int mostPieces) {
		if (taskPieceCount > 0) {
			return Math.min(1.0, held / (double) taskPieceCount);
		}
		return (mostPieces > 0) ? held / (double) mostPieces : 0;
	}

	static double idcAffinity(@Nullable String a, @Nullable String b) {
		return (a != null && b != null && !a.isBlank() && a.equalsIgnoreCase(b)) ? 1.0 : 0;
	}

	/** Shared leading elements of two {@code a|b|c} location paths over the longer path's length. */
	static double locationAffinity(@Nullable String a, @Nullable String b) {
		if (a == null || b == null || a.isBlank() || b.isBlank()) {
			return 0;
		}
		int shared = 0;
		int i = 0;
		int j = 0;
		while (i <= a.length() && j <= b.length()) {
			int endA = end(a, i);
			int endB = end(b, j);
			if (!a.substring(i, endA).trim().equalsIgnoreCase(b.substring(j, endB).trim())) {
				break;
			}
			shared++;
			i = endA + 1;
			j = endB + 1;
		}
		return shared / (double) Math.max(elements(a), elements(b));
	}

	private static int end(String path, int from) {
		int bar = path.indexOf('|', from);
		return (bar < 0) ? path.length() : bar;
	}

	private static int elements(String path) {
		int count = 1;
		for (int i = path.indexOf('|'); i >= 0; i = path.indexOf('|', i + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * A candidate's score and its parts.
	 *
	 * @param total the weighted sum
	 * @param pieceCompleteness share of the task's pieces it holds
	 * @param uploadSuccessRate share of its uploads that succeeded
	 * @param freeUploadRatio share of its upload slots free
	 * @param hostType 1 for a healthy seed, 0.5 otherwise
	 * @param idcAffinity 1 when in the requester's data centre
	 * @param locationAffinity shared part of the location path
	 */
	public record Score(double total, double pieceCompleteness, double uploadSuccessRate, double freeUploadRatio,
			double hostType, double idcAffinity, double locationAffinity) {

		public Map<String, Double> parts() {
			Map<String, Double> parts = new LinkedHashMap<>(8);
			parts.put("pieceCompleteness", round(pieceCompleteness));
			parts.put("uploadSuccessRate", round(uploadSuccessRate));
			parts.put("freeUploadRatio", round(freeUploadRatio));
			parts.put("hostType", round(hostType));
			parts.put("idcAffinity", round(idcAffinity));
			parts.put("locationAffinity", round(locationAffinity));
			return parts;
		}

		static double round(double value) {
			return Math.round(value * 10_000) / 10_000.0;
		}

	}

}
