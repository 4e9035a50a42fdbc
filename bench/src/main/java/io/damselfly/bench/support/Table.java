package io.damselfly.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with right-aligned figures, printed the way BENCHMARKS.md quotes it. */
public final class Table {

	private final List<String[]> rows = new ArrayList<>();

	private final String[] header;

	public Table(String... header) {
		this.header = header;
	}

	public Table row(Object... cells) {
		String[] row = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			row[i] = String.valueOf(cells[i]);
		}
		rows.add(row);
		return this;
	}

	public void print() {
		int[] width = new int[header.length];
		for (int i = 0; i < header.length; i++) {
			width[i] = header[i].length();
		}
		for (String[] row : rows) {
			for (int i = 0; i < row.length && i < width.length; i++) {
				width[i] = Math.max(width[i], row[i].length());
			}
		}
		line(header, width);
		StringBuilder rule = new StringBuilder("|");
		for (int w : width) {
			rule.append("-".repeat(w + 2)).append('|');
		}
		System.out.println(rule);
		rows.forEach((row) -> line(row, width));
	}

	private static void line(String[] cells, int[] width) {
		StringBuilder out = new StringBuilder("|");
		for (int i = 0; i < width.length; i++) {
			String cell = (i < cells.length) ? cells[i] : "";
			out.append(' ').append((i == 0) ? pad(cell, width[i], false) : pad(cell, width[i], true)).append(" |");
		}
		System.out.println(out);
	}

	private static String pad(String s, int width, boolean right) {
		String space = " ".repeat(Math.max(0, width - s.length()));
		return right ? space + s : s + space;
	}

	public static String seconds(double s) {
		return String.format(Locale.ROOT, "%.2f s", s);
	}

	public static String mbps(long bytes, double seconds) {
		return String.format(Locale.ROOT, "%.0f MB/s", bytes / 1e6 / seconds);
	}

	public static String ratio(double r) {
		return String.format(Locale.ROOT, "%.2f×", r);
	}

	public static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
	}

	/** The p-th percentile (0-100) of sorted values, nearest rank. */
	public static double percentile(List<Double> sorted, double p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

}
