package io.damselfly.bench.swarm;

import java.util.Locale;

import io.damselfly.bench.support.Table;

/** Prints one BitTorrent round the way the Damselfly round is printed, and hands its figures on. */
final class TorrentReport {

	private TorrentReport() {
	}

	static SwarmBench.Round print(TorrentSwarm.Result r, long size, double oneSeconds) {
		Table leechers = new Table("leecher", "CPU (user + kernel)", "VmHWM");
		for (int i = 0; i < r.leecherCpuMillis().size(); i++) {
			leechers.row("aria2c-" + (i + 1), seconds(r.leecherCpuMillis().get(i)),
					r.leecherHwmKb().get(i) / 1024 + " MiB");
		}
		System.out.println();
		leechers.print();
		System.out.println();
		new Table("figure", "value")
			.row("every leecher's sha256 matches", r.allOk())
			.row("BitTorrent: completion p50 / max",
					Table.seconds(Table.percentile(r.times(), 50)) + " / " + Table.seconds(r.max()))
			.row("BitTorrent: seeder upload ÷ file", (r.seederSentBytes() < 0) ? "unknown"
					: Table.ratio(r.seederSentBytes() / (double) size))
			.row("BitTorrent: seeder CPU", seconds(r.seederCpuMillis()))
			.row("ratio BitTorrent max ÷ one direct alone", Table.ratio(r.max() / oneSeconds))
			.print();
		return new SwarmBench.Round(r.max(), r.leecherCpuMillis(), r.allOk());
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
