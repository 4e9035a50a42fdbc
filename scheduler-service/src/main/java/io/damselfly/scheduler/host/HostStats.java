package io.damselfly.scheduler.host;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What children reported about pieces fetched from one host, shared by every scheduler instance
 * through Redis: upload successes and failures, and the piece costs as a running mean and variance
 * (Welford) of every cost <em>before</em> the last one, plus the last one. Keeping the last cost out
 * of the statistics is what lets {@link #isBadNode()} compare it with the history.
 * <p>
 * The Redis side ({@code host_outcomes.lua}) applies exactly {@link #withCost(long)}.
 *
 * @param uploadOk pieces served and verified
 * @param uploadFailed pieces that failed (timeout, refused, digest mismatch, I/O)
 * @param costCount number of earlier costs
 * @param costMean their mean, in milliseconds
 * @param costM2 sum of squared deviations from the mean (Welford's M2)
 * @param lastCost the latest cost in milliseconds, -1 before any
 */
public record HostStats(long uploadOk, long uploadFailed, long costCount, double costMean, double costM2,
		long lastCost) {

	/** Below this many earlier costs the spread is too noisy: a fixed multiple of the mean is used. */
	public static final int MIN_SAMPLES_FOR_SIGMA = 30;

	/** Under {@link #MIN_SAMPLES_FOR_SIGMA} samples, a last cost above this multiple of the mean is bad. */
	public static final double MEAN_MULTIPLE = 20;

	/** From {@link #MIN_SAMPLES_FOR_SIGMA} samples on, a last cost above mean + this many σ is bad. */
	public static final double SIGMAS = 3;

	public static final HostStats EMPTY = new HostStats(0, 0, 0, 0, 0, -1);

	/** Success rate of uploads, 1 when nothing was reported yet (a new host gets the benefit of doubt). */
	public double uploadSuccessRate() {
		long total = uploadOk + uploadFailed;
		return (total == 0) ? 1.0 : uploadOk / (double) total;
	}

	public double costStdDev() {
		return (costCount < 2) ? 0 : Math.sqrt(costM2 / (costCount - 1));
	}

	/**
	 * Whether the last piece cost stands out from the earlier ones (docs/architecture.md#scheduling): more than 20 times
	 * their mean under 30 samples, more than mean + 3σ from 30 samples on.
	 */
	public boolean isBadNode() {
		if (lastCost < 0 || costCount == 0) {
			return false;
		}
		if (costCount < MIN_SAMPLES_FOR_SIGMA) {
			return lastCost > MEAN_MULTIPLE * costMean;
		}
		return lastCost > costMean + SIGMAS * costStdDev();
	}

	/** Why {@link #isBadNode()} holds, for explanations. */
	public String badNodeDetail() {
		if (costCount < MIN_SAMPLES_FOR_SIGMA) {
			return String.format(Locale.ROOT, "last piece cost %d ms > 20 x mean %.1f ms (%d samples)", lastCost,
					costMean, costCount);
		}
		return String.format(Locale.ROOT, "last piece cost %d ms > mean %.1f ms + 3 x sigma %.1f ms (%d samples)",
				lastCost, costMean, costStdDev(), costCount);
	}

	/** Folds the previous last cost into the statistics and makes {@code cost} the last one. */
	public HostStats withCost(long cost) {
		if (lastCost < 0) {
			return new HostStats(uploadOk, uploadFailed, costCount, costMean, costM2, cost);
		}
		long n = costCount + 1;
		double delta = lastCost - costMean;
		double mean = costMean + delta / n;
		double m2 = costM2 + delta * (lastCost - mean);
		return new HostStats(uploadOk, uploadFailed, n, mean, m2, cost);
	}

	public HostStats withUploads(long ok, long failed) {
		return new HostStats(uploadOk + ok, uploadFailed + failed, costCount, costMean, costM2, lastCost);
	}

	/** The Redis form: six numbers separated by spaces, as {@code host_outcomes.lua} writes them. */
	public static HostStats parse(@Nullable String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return EMPTY;
		}
		String[] parts = encoded.trim().split(" ");
		if (parts.length != 6) {
			return EMPTY;
		}
		try {
			return new HostStats((long) Double.parseDouble(parts[0]), (long) Double.parseDouble(parts[1]),
					(long) Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Double.parseDouble(parts[4]),
					(long) Double.parseDouble(parts[5]));
		}
		catch (NumberFormatException ex) {
			return EMPTY;
		}
	}

}
