package io.damselfly.peer.support;

import java.util.concurrent.atomic.AtomicLong;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.piece.PieceBitmap;
import io.damselfly.common.piece.PieceMath;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parent that claims every piece and serves bytes of the right length but the wrong content, or, hung,
 * starts each piece (headers and its first KiB) and then sends nothing more, holding the connection open,
 * as a stopped process or a host gone without a reset does.
 */
public final class CorruptParent implements AutoCloseable {

	private final DisposableServer server;

	public final AtomicLong piecesServed = new AtomicLong();

	public CorruptParent(long contentLength, long pieceSize) {
		this(contentLength, pieceSize, false);
	}

	/** A parent that stalls every piece after its first KiB. */
	public static CorruptParent hung(long contentLength, long pieceSize) {
		return new CorruptParent(contentLength, pieceSize, true);
	}

	private CorruptParent(long contentLength, long pieceSize, boolean hung) {
		JsonMapper json = JsonMapper.builder().build();
		int count = PieceMath.pieceCount(contentLength, pieceSize);
		server = HttpServer.create().host("127.0.0.1").port(0).route((r) -> r
			.get("/api/v1/tasks/{taskId}/pieces/{n}", (req, res) -> {
				int n = Integer.parseInt(req.param("n"));
				piecesServed.incrementAndGet();
				byte[] junk = new byte[(int) PieceMath.length(n, contentLength, pieceSize)];
				java.util.Arrays.fill(junk, (byte) 0x5a);
				res.header("Content-Length", String.valueOf(junk.length));
				return hung ? res.sendByteArray(Mono.just(java.util.Arrays.copyOf(junk, 1024)).concatWith(Mono.never()))
						: res.sendByteArray(Mono.just(junk));
			})
			.get("/api/v1/tasks/{taskId}", (req, res) -> res.header("Content-Type", "application/json")
				.sendByteArray(Mono.just(json.writeValueAsBytes(new PeerTaskInfo(req.param("taskId"), contentLength,
						pieceSize, count, PieceBitmap.full(count).toBase64(), true))))))
			.bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + server.port();
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
