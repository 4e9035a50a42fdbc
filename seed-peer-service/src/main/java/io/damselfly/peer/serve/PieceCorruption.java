package io.damselfly.peer.serve;

import io.damselfly.peer.identity.PeerMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The drill-only {@code damselfly.fault.corrupt-uploads} switch, checked once at startup: refused in
 * seed mode, loudly announced when on. When on, pieces are served as flipped copies of their bytes.
 */
public final class PieceCorruption {

	private static final Logger logger = LoggerFactory.getLogger(PieceCorruption.class);

	private final boolean enabled;

	private PieceCorruption(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Checks the switch against the mode.
	 * @throws IllegalStateException in seed mode with the switch on, so the daemon fails to start
	 */
	public static PieceCorruption of(FaultProperties faults, PeerMode mode) {
		if (!faults.corruptUploads()) {
			return new PieceCorruption(false);
		}
		if (mode == PeerMode.SEED) {
			throw new IllegalStateException("damselfly.fault.corrupt-uploads=true is refused in seed mode: seeds are "
					+ "the trusted first fetchers from origin. Run the corrupt-peer drill on a normal peer "
					+ "(damselfly.peer.mode=normal) or turn the switch off.");
		}
		logger.warn("*** FAULT INJECTION ON: damselfly.fault.corrupt-uploads=true. This peer serves CORRUPT pieces "
				+ "(every byte flipped) to other peers. For failure drills only; never in production. ***");
		return new PieceCorruption(true);
	}

	public boolean enabled() {
		return enabled;
	}

	/** The same bytes, each one flipped, chunk by chunk; the original buffers are released. */
	public static Flux<DataBuffer> corrupt(Flux<DataBuffer> bytes, DataBufferFactory factory) {
		return bytes.map((buffer) -> {
			try {
				byte[] copy = new byte[buffer.readableByteCount()];
				buffer.read(copy);
				for (int i = 0; i < copy.length; i++) {
					copy[i] = (byte) ~copy[i];
				}
				return factory.wrap(copy);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		});
	}

}
