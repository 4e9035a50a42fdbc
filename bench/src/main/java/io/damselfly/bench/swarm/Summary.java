package io.damselfly.bench.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.damselfly.bench.support.Table;

/**
 * The closing figures of a swarm run: Damselfly against BitTorrent against direct downloads, pair by pair
 * and as the median of the pairs, then the plain lines BENCHMARKS.md quotes.
 */
final class Summary {

	private Summary() {
	}

	static void print(List<SwarmBench.Pair> pairs, long size, int peers, double oneSeconds, double directMax) {
		System.out.println();
		System.out.println("summary: " + Table.mib(size) + ", " + peers + " downloaders; same run, rounds alternating");
		Table table = new Table("pair", "Damselfly max", "BitTorrent max", "Damselfly ÷ BitTorrent",
				"Damselfly ÷ one direct", "BitTorrent ÷ one direct", "CPU/peer/GiB Damselfly", "CPU/peer/GiB aria2c",
				"sha256 ok");
		for (int i = 0; i < pairs.size(); i++) {
			SwarmBench.Pair p = pairs.get(i);
			SwarmBench.Round d = p.damselfly();
			SwarmBench.Round b = p.bittorrent();
			table.row(i + 1, Table.seconds(d.max()), (b != null) ? Table.seconds(b.max()) : "-",
					(b != null) ? Table.ratio(d.max() / b.max()) : "-", Table.ratio(d.max() / oneSeconds),
					(b != null) ? Table.ratio(b.max() / oneSeconds) : "-", cpu(d.cpuSecondsPerGib(size)),
					(b != null) ? cpu(b.cpuSecondsPerGib(size)) : "-", d.allOk() && (b == null || b.allOk()));
		}
		boolean bt = pairs.stream().allMatch((p) -> p.bittorrent() != null);
		double dMax = median(pairs, (p) -> p.damselfly().max());
		double dCpu = median(pairs, (p) -> p.damselfly().cpuSecondsPerGib(size));
		double bMax = bt ? median(pairs, (p) -> p.bittorrent().max()) : Double.NaN;
		double bCpu = bt ? median(pairs, (p) -> p.bittorrent().cpuSecondsPerGib(size)) : Double.NaN;
		double ratio = bt ? median(pairs, (p) -> p.damselfly().max() / p.bittorrent().max()) : Double.NaN;
		table.row("median", Table.seconds(dMax), bt ? Table.seconds(bMax) : "-", bt ? Table.ratio(ratio) : "-",
				Table.ratio(dMax / oneSeconds), bt ? Table.ratio(bMax / oneSeconds) : "-", cpu(dCpu),
				bt ? cpu(bCpu) : "-", "");
		table.print();
		System.out.println("direct (same run, before the pairs): one client alone " + Table.seconds(oneSeconds) + ", "
				+ peers + " at once max " + Table.seconds(directMax));
		System.out.println();
		if (bt) {
			System.out.println("swarm max ÷ BitTorrent max: " + Table.ratio(ratio));
		}
		System.out.println("swarm max ÷ one direct: " + Table.ratio(dMax / oneSeconds));
		System.out.println("CPU per peer per GiB: Damselfly " + cpu(dCpu) + (bt ? ", aria2c " + cpu(bCpu) : ""));
	}

	private static String cpu(double seconds) {
		return String.format(Locale.ROOT, "%.1f s", seconds);
	}

	/** The median; of an even count, the mean of the middle two. */
	static double median(List<SwarmBench.Pair> pairs, Function<SwarmBench.Pair, Double> value) {
		List<Double> values = new ArrayList<>(pairs.stream().map(value).toList());
		values.sort(null);
		int n = values.size();
		return (n % 2 == 1) ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
	}

}
