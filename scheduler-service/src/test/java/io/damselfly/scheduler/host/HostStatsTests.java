package io.damselfly.scheduler.host;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HostStatsTests {

	private static HostStats costs(long... costs) {
		HostStats stats = HostStats.EMPTY;
		for (long cost : costs) {
			stats = stats.withCost(cost);
		}
		return stats;
	}

	@Test
	void statisticsDescribeEveryCostBeforeTheLast() {
		HostStats stats = costs(10, 20, 30, 40, 1000);
		assertThat(stats.lastCost()).isEqualTo(1000);
		assertThat(stats.costCount()).isEqualTo(4);
		assertThat(stats.costMean()).isCloseTo(25, within(1e-9));
		// sample standard deviation of 10, 20, 30, 40
		assertThat(stats.costStdDev()).isCloseTo(Math.sqrt(500 / 3.0), within(1e-9));
	}

	@Test
	void underThirtySamplesALastCostAboveTwentyTimesTheMeanIsBad() {
		assertThat(costs(10, 10, 10, 201).isBadNode()).isTrue();
		assertThat(costs(10, 10, 10, 200).isBadNode()).isFalse();
	}

	@Test
	void fromThirtySamplesALastCostAboveMeanPlusThreeSigmaIsBad() {
		long[] history = LongStream.range(0, 30).map((i) -> (i % 2 == 0) ? 90 : 110).toArray();
		HostStats base = costs(history);
		double sigma = costs(LongStream.concat(LongStream.of(history), LongStream.of(0)).toArray()).costStdDev();
		double limit = 100 + 3 * sigma;
		assertThat(costs(LongStream.concat(LongStream.of(history), LongStream.of((long) limit + 2)).toArray())
			.isBadNode()).isTrue();
		assertThat(costs(LongStream.concat(LongStream.of(history), LongStream.of((long) limit - 2)).toArray())
			.isBadNode()).isFalse();
		// 20 x mean would have tolerated far more: the sigma rule is the stricter one here.
		assertThat(limit).isLessThan(20 * 100);
		assertThat(base.costCount()).isEqualTo(29);
	}

	@Test
	void aHostWithoutHistoryIsNeverBad() {
		assertThat(HostStats.EMPTY.isBadNode()).isFalse();
		assertThat(costs(100000).isBadNode()).isFalse();
	}

	@Test
	void uploadSuccessRateGivesNewHostsTheBenefitOfDoubt() {
		assertThat(HostStats.EMPTY.uploadSuccessRate()).isEqualTo(1.0);
		assertThat(HostStats.EMPTY.withUploads(3, 1).uploadSuccessRate()).isEqualTo(0.75);
	}

	@Test
	void parsesTheRedisFormAndToleratesGarbage() {
		HostStats stats = HostStats.parse("3 1 4 25 1500 1000");
		assertThat(stats).isEqualTo(new HostStats(3, 1, 4, 25, 1500, 1000));
		assertThat(HostStats.parse("nonsense")).isEqualTo(HostStats.EMPTY);
		assertThat(HostStats.parse(null)).isEqualTo(HostStats.EMPTY);
	}

}
