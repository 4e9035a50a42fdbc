package io.damselfly.scheduler.scheduling;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerState;
import io.damselfly.scheduler.host.HostCondition;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import org.junit.jupiter.api.Test;

import static io.damselfly.scheduler.scheduling.Fixtures.candidate;
import static io.damselfly.scheduler.scheduling.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTests {

	private final Evaluator evaluator = new Evaluator();

	@Test
	void weightsAreThoseOfTheDesignAndSumToOne() {
		assertThat(Evaluator.PIECE_COMPLETENESS).isEqualTo(0.2);
		assertThat(Evaluator.UPLOAD_SUCCESS_RATE).isEqualTo(0.2);
		assertThat(Evaluator.FREE_UPLOAD_RATIO).isEqualTo(0.15);
		assertThat(Evaluator.HOST_TYPE).isEqualTo(0.15);
		assertThat(Evaluator.IDC_AFFINITY).isEqualTo(0.15);
		assertThat(Evaluator.LOCATION_AFFINITY).isEqualTo(0.15);
		assertThat(Evaluator.PIECE_COMPLETENESS + Evaluator.UPLOAD_SUCCESS_RATE + Evaluator.FREE_UPLOAD_RATIO
				+ Evaluator.HOST_TYPE + Evaluator.IDC_AFFINITY + Evaluator.LOCATION_AFFINITY).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void scoreIsTheWeightedSumOfItsParts() {
		// 5 of 10 pieces, 3 of 4 uploads ok, 50 of 100 slots free, normal host, same idc, 2 of 3 location levels.
		HostRecord parentHost = host("p", "idc-1", "eu|fr|paris", 100, 50, HostType.NORMAL);
		HostRecord requester = host("r", "idc-1", "eu|fr|lyon", 100, 0, HostType.NORMAL);
		Candidate c = Fixtures.withStats(candidate("p", "p", PeerState.RUNNING, parentHost, 0, 1, 2, 3, 4),
				HostStats.EMPTY.withUploads(3, 1));
		Evaluator.Score score = evaluator.score(c, HostCondition.HEALTHY, requester, 10, 5, ClusterConfig.DEFAULTS);
		assertThat(score.pieceCompleteness()).isEqualTo(0.5);
		assertThat(score.uploadSuccessRate()).isEqualTo(0.75);
		assertThat(score.freeUploadRatio()).isEqualTo(0.5);
		assertThat(score.hostType()).isEqualTo(0.5);
		assertThat(score.idcAffinity()).isEqualTo(1.0);
		assertThat(score.locationAffinity()).isCloseTo(2 / 3.0, within(1e-12));
		double expected = 0.2 * 0.5 + 0.2 * 0.75 + 0.15 * 0.5 + 0.15 * 0.5 + 0.15 * 1.0 + 0.15 * (2 / 3.0);
		assertThat(score.total()).isCloseTo(expected, within(1e-12));
		assertThat(score.parts()).containsKeys("pieceCompleteness", "uploadSuccessRate", "freeUploadRatio", "hostType",
				"idcAffinity", "locationAffinity");
	}

	@Test
	void aHealthySeedCountsOneOnHostTypeAndASeedOnProbationHalf() {
		Candidate seed = candidate("s", "s", PeerState.RUNNING, host("s", HostType.SEED, HealthStatus.UP, null), 0);
		assertThat(evaluator.score(seed, HostCondition.HEALTHY, null, 10, 1, ClusterConfig.DEFAULTS).hostType())
			.isEqualTo(1.0);
		assertThat(evaluator.score(seed, HostCondition.PROBATION, null, 10, 1, ClusterConfig.DEFAULTS).hostType())
			.isEqualTo(0.5);
	}

	@Test
	void seedOutscoresAnOtherwiseEqualNormalPeer() {
		Candidate seed = candidate("s", "s", PeerState.RUNNING, host("s", HostType.SEED, HealthStatus.UP, null), 0);
		Candidate normal = candidate("n", "n", PeerState.RUNNING, host("n"), 0);
		double seedScore = evaluator.score(seed, HostCondition.HEALTHY, null, 10, 1, ClusterConfig.DEFAULTS).total();
		double normalScore = evaluator.score(normal, HostCondition.HEALTHY, null, 10, 1, ClusterConfig.DEFAULTS).total();
		assertThat(seedScore - normalScore).isCloseTo(0.15 * 0.5, within(1e-12));
	}

	@Test
	void pieceCompletenessIsRelativeToTheBestCandidateWhileTheLengthIsUnknown() {
		assertThat(Evaluator.pieceCompleteness(3, -1, 6)).isEqualTo(0.5);
		assertThat(Evaluator.pieceCompleteness(0, -1, 0)).isEqualTo(0);
		assertThat(Evaluator.pieceCompleteness(12, 10, 12)).isEqualTo(1.0);
	}

	@Test
	void affinitiesNeedBothSidesToSayIt() {
		assertThat(Evaluator.idcAffinity(null, "a")).isZero();
		assertThat(Evaluator.idcAffinity("A", "a")).isEqualTo(1.0);
		assertThat(Evaluator.locationAffinity("eu|fr", null)).isZero();
		assertThat(Evaluator.locationAffinity("eu|fr", "eu|de")).isEqualTo(0.5);
		assertThat(Evaluator.locationAffinity("eu|fr|paris", "eu|fr|paris")).isEqualTo(1.0);
	}

}
