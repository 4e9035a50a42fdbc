package io.damselfly.cli;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and times for the CLI's output. */
public final class Format {

	private Format() {
	}

	public static String bytes(long bytes) {
		if (bytes < 0) {
			return "?";
		}
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	public static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
	}

	/**
	 * Parses a size such as {@code 64MiB}, {@code 1GB}, {@code 512k} or {@code 1000} (bytes). Binary
	 * units either way: a user who types MB means MiB here.
	 * @throws IllegalArgumentException with the expected form
	 */
	public static long parseSize(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
		long multiplier = 1;
		if (t.endsWith("k")) {
			multiplier = 1024L;
		}
		else if (t.endsWith("m")) {
			multiplier = 1024L * 1024;
		}
		else if (t.endsWith("g")) {
			multiplier = 1024L * 1024 * 1024;
		}
		String digits = (multiplier == 1) ? t : t.substring(0, t.length() - 1);
		try {
			long value = Long.parseLong(digits.trim());
			if (value < 0) {
				throw new NumberFormatException();
			}
			return Math.multiplyExact(value, multiplier);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException("size must look like 64MiB, 1GiB, 512KiB or a number of bytes, got '"
					+ text + "'");
		}
	}

}
