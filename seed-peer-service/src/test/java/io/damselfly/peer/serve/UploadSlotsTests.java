package io.damselfly.peer.serve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadSlotsTests {

	@Test
	void refusesBeyondTheLimitAndFreesOnRelease() {
		UploadSlots slots = new UploadSlots(2);
		assertThat(slots.tryAcquire()).isTrue();
		assertThat(slots.tryAcquire()).isTrue();
		assertThat(slots.tryAcquire()).isFalse();
		assertThat(slots.inFlight()).isEqualTo(2);
		slots.release();
		assertThat(slots.tryAcquire()).isTrue();
		slots.release();
		slots.release();
		slots.release();
		assertThat(slots.inFlight()).isZero();
	}

}
