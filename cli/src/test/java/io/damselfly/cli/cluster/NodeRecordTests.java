package io.damselfly.cli.cluster;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRecordTests {

	private static NodeRecord record(long pid, Instant startedAt) {
		return new NodeRecord("peer-1", NodeKind.PEER, 8100, "http://127.0.0.1:8100", pid, startedAt, List.of("java"),
				"peer-1.log");
	}

	@Test
	void aProcessWithTheRecordedPidAndStartTimeIsTheNodes() {
		long self = ProcessHandle.current().pid();
		NodeRecord node = record(0, null).withPid(self);

		assertThat(node.startedAt()).isNotNull();
		assertThat(node.alive()).isTrue();
		assertThat(node.process()).map(ProcessHandle::pid).contains(self);
	}

	@Test
	void aReusedPidWithAnotherStartTimeIsNotTheNodesSoItIsNeverSignalled() {
		long self = ProcessHandle.current().pid();
		NodeRecord beforeReboot = record(self, Instant.parse("2020-01-01T00:00:00Z"));

		assertThat(beforeReboot.alive()).isFalse();
		assertThat(beforeReboot.process()).isEmpty();
	}

	@Test
	void aStartTimeReadASecondApartIsStillTheNodesBecauseBootTimeMovesWithTheClock() {
		long self = ProcessHandle.current().pid();
		Instant start = NodeRecord.startOf(self);
		assertThat(start).isNotNull();

		assertThat(record(self, start.minusSeconds(1)).alive()).as("read by an earlier CLI, 1 s off").isTrue();
		assertThat(record(self, start.plusMillis(1500)).alive()).isTrue();
		assertThat(record(self, start.minusSeconds(5)).alive()).as("5 s off: another process").isFalse();
		assertThat(NodeRecord.sameStart(start, null)).isFalse();
	}

	@Test
	void aStoppedNodeHasNoProcess() {
		NodeRecord stopped = record(0, null).withPid(ProcessHandle.current().pid()).withPid(0);

		assertThat(stopped.startedAt()).isNull();
		assertThat(stopped.alive()).isFalse();
	}

	@Test
	void downSaysWhetherANodeWasRunningAndWhyNot() throws Exception {
		long self = ProcessHandle.current().pid();
		assertThat(NodeStop.before(record(0, null).withPid(self)).describe()).isEqualTo("stopped");
		assertThat(NodeStop.before(record(0, null)).describe()).isEqualTo("was not running (stopped earlier)");
		assertThat(NodeStop.before(record(self, Instant.parse("2020-01-01T00:00:00Z"))).describe())
			.isEqualTo("was not running (pid " + self + " is another process now, left alone)");
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		assertThat(NodeStop.before(record(gone.pid(), Instant.parse("2020-01-01T00:00:00Z"))).describe())
			.isEqualTo("was not running (pid " + gone.pid() + " has exited)");
	}

}
