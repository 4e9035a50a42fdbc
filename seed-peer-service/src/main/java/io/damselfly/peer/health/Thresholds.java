package io.damselfly.peer.health;

import java.util.Locale;

/** How health reasons state a measure against its threshold, the same way in every indicator. */
final class Thresholds {

	private static final long KB = 1024;

	private static final long MB = KB * 1024;

	private static final long GB = MB * 1024;

	private Thresholds() {
	}

	/**
	 * {@code 91% > 85%}, or {@code 85% >= 85%} when exactly at it; one decimal when the whole number
	 * would read as the threshold while being above it ({@code 85.4% > 85%}).
	 */
	static String exceeded(double usedPercent, int thresholdPercent) {
		long whole = (long) Math.floor(usedPercent);
		String used = (whole == thresholdPercent && usedPercent > thresholdPercent)
				? String.format(Locale.ROOT, "%.1f%%", Math.floor(usedPercent * 10) / 10) : whole + "%";
		return used + ((usedPercent > thresholdPercent) ? " > " : " >= ") + thresholdPercent + "%";
	}

	/** Bytes for humans, binary units. */
	static String bytes(long bytes) {
		if (bytes >= GB) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) GB);
		}
		if (bytes >= MB) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
		}
		if (bytes >= KB) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / (double) KB);
		}
		return bytes + " B";
	}

}
