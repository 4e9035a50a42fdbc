package io.damselfly.peer.serve;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.damselfly.peer.identity.PeerMode;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PieceCorruptionTests {

	@Test
	void offByDefaultInEitherMode() {
		assertThat(PieceCorruption.of(new FaultProperties(false), PeerMode.SEED).enabled()).isFalse();
		assertThat(PieceCorruption.of(new FaultProperties(false), PeerMode.NORMAL).enabled()).isFalse();
	}

	@Test
	void corruptUploadsIsRefusedInSeedModeAndAllowedOnANormalPeer() {
		assertThatIllegalStateException().isThrownBy(() -> PieceCorruption.of(new FaultProperties(true), PeerMode.SEED))
			.withMessageContaining("damselfly.fault.corrupt-uploads=true is refused in seed mode");
		assertThat(PieceCorruption.of(new FaultProperties(true), PeerMode.NORMAL).enabled()).isTrue();
	}

	@Test
	void everyByteIsFlippedAndTheLengthKept() {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		byte[] original = "piece bytes".getBytes(StandardCharsets.US_ASCII);
		Flux<DataBuffer> body = Flux.just(factory.wrap(original.clone()));
		StepVerifier.create(DataBufferUtils.join(PieceCorruption.corrupt(body, factory))).assertNext((joined) -> {
			byte[] served = new byte[joined.readableByteCount()];
			joined.read(served);
			assertThat(served).hasSameSizeAs(original);
			for (int i = 0; i < original.length; i++) {
				assertThat(served[i]).isEqualTo((byte) ~original[i]);
			}
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

}
