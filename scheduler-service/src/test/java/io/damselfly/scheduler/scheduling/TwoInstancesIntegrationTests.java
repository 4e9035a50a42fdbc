package io.damselfly.scheduler.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeType;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.SchedulerApplication;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.StandInServer;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/** Two scheduler instances on one Redis give the same answers: no state lives in either of them. */
class TwoInstancesIntegrationTests {

	static StandInServer manager;

	static ConfigurableApplicationContext one;

	static ConfigurableApplicationContext two;

	static SchedulerApi a;

	static SchedulerApi b;

	@BeforeAll
	static void start() {
		manager = StandInServer.start();
		manager.config.set(new ClusterConfig(4, 15, 3, 10, 50L, 200, null, null, null, null, null));
		one = instance();
		two = instance();
		a = SchedulerApi.at("http://127.0.0.1:" + port(one));
		b = SchedulerApi.at("http://127.0.0.1:" + port(two));
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + TestRedis.get().url(), "--damselfly.manager.url=" + manager.url(),
				"--damselfly.node.register=true", "--damselfly.node.keepalive-interval=200ms", TestSecurity.arguments()[0], TestSecurity.arguments()[1],
				TestSecurity.arguments()[2]);
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		one.close();
		two.close();
		manager.close();
	}

	@Test
	void registerOnOneReportOnTheOtherAndBothGiveTheSameAnswer() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("two-instances");
		String task = taskId(url);
		a.announce(healthy("host-p-" + run, 8101));
		b.announce(healthy("host-r-" + run, 8102));
		a.register("parent-" + run, "host-p-" + run, url);
		b.reportFromOrigin("parent-" + run, task, 4);

		ScheduleDecision onTwo = b.register("child-" + run, "host-r-" + run, url);
		ScheduleDecision onOne = a.reschedule("child-" + run, task);

		assertThat(onTwo.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(onOne.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(onOne.parents()).extracting(ParentInfo::peerId).containsExactly("parent-" + run);
		assertThat(onOne.parents()).usingRecursiveComparison().isEqualTo(onTwo.parents());
		assertThat(onOne.task()).isEqualTo(onTwo.task());
		assertThat(onOne.attempt()).isEqualTo(2);
		PeerScheduleExplanation fromTwo = b.explanation("child-" + run);
		assertThat(fromTwo.attempts()).extracting(ScheduleAttempt::attempt).containsExactly(2, 1);
		assertThat(fromTwo.attempts()).extracting(ScheduleAttempt::schedulerId)
			.containsExactly("scheduler-" + port(one), "scheduler-" + port(two));
		assertThat(a.task(task)).isEqualTo(b.task(task));
	}

	@Test
	void attemptsCountAcrossInstancesUntilBackToSource() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("alternating");
		a.announce(healthy("host-" + run, 8101));
		SchedulerApi[] instances = { a, b, a, b };
		DecisionType[] expected = { DecisionType.WAIT, DecisionType.WAIT, DecisionType.WAIT,
				DecisionType.BACK_TO_SOURCE };
		for (int i = 0; i < instances.length; i++) {
			ScheduleDecision decision = instances[i].register("lonely-" + run, "host-" + run, url);
			assertThat(decision.attempt()).isEqualTo(i + 1);
			assertThat(decision.type()).isEqualTo(expected[i]);
		}
	}

	@Test
	void bothInstancesRegisterWithTheManagerAndKeepAlive() throws InterruptedException {
		// Wait for a keepalive from each instance, not for any two: the first instance, started earlier,
		// sends several before the second sends its first.
		List<String> ids = List.of("scheduler-127.0.0.1-" + port(one), "scheduler-127.0.0.1-" + port(two));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while ((manager.registrations.size() < 2 || !manager.keepalives.containsAll(ids))
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(manager.registrations).extracting(NodeRegistration::type).containsOnly(NodeType.SCHEDULER);
		assertThat(manager.registrations).extracting(NodeRegistration::port).contains(port(one), port(two));
		assertThat(manager.keepalives).containsAll(ids);
	}

}
