package io.damselfly.peer.transfer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Origin bodies arrive in buffers as large as a socket read, not in Netty's default 8 KiB
 * HTTP chunks: each buffer is one hand-over to the disk writer and one {@code pwrite}, and 8 KiB
 * chunks made that 32,768 of each per 256 MiB.
 */
class BulkTransferClientTests {

	@Test
	void bodiesArriveInBuffersLargerThanEightKibAndNoLargerThanTheReadLimit() {
		byte[] body = new byte[8 * 1024 * 1024];
		ThreadLocalRandom.current().nextBytes(body);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
			.handle((request, response) -> response.header("Content-Length", String.valueOf(body.length))
				.send(Mono.just(Unpooled.wrappedBuffer(body))))
			.bindNow();
		try {
			WebClient web = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(BulkTransfer.httpClient())).build();
			List<Integer> sizes = web.get().uri("http://127.0.0.1:" + server.port() + "/piece").retrieve()
				.bodyToFlux(DataBuffer.class)
				.map((buffer) -> {
					int size = buffer.readableByteCount();
					DataBufferUtils.release(buffer);
					return size;
				})
				.collectList().block();
			assertThat(sizes).isNotNull();
			assertThat(sizes.stream().mapToLong(Integer::longValue).sum()).isEqualTo(body.length);
			assertThat(sizes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(BulkTransfer.READ_MAX));
			assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0))
				.as("largest buffer; Netty's default HTTP chunk is 8 KiB").isGreaterThan(8 * 1024);
			assertThat(sizes.size()).as("buffers for 8 MiB; 1,024 with 8 KiB chunks").isLessThan(512);
		}
		finally {
			server.disposeNow();
		}
	}

}
