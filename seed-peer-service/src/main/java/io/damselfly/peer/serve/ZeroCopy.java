package io.damselfly.peer.serve;

import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * Sends a file region with the server's zero-copy support (reactor-netty {@code sendFile}), looking
 * through response decorators; a response without it gets the region read in chunks.
 */
public final class ZeroCopy {

	private static final int CHUNK = 64 * 1024;

	private ZeroCopy() {
	}

	public static Mono<Void> send(ServerHttpResponse response, Path path, long offset, long length) {
		if (length == 0) {
			return response.setComplete();
		}
		ServerHttpResponse current = response;
		while (!(current instanceof ZeroCopyHttpOutputMessage) && current instanceof ServerHttpResponseDecorator d) {
			current = d.getDelegate();
		}
		if (current instanceof ZeroCopyHttpOutputMessage zeroCopy) {
			return zeroCopy.writeWith(path, offset, length);
		}
		return response.writeWith(read(path, offset, length, response.bufferFactory()));
	}

	/** The region read in chunks of 64 KiB, for when the bytes must pass through the heap. */
	public static Flux<DataBuffer> read(Path path, long offset, long length, DataBufferFactory factory) {
		return DataBufferUtils.takeUntilByteCount(DataBufferUtils.readAsynchronousFileChannel(
				() -> AsynchronousFileChannel.open(path, StandardOpenOption.READ), offset, factory, CHUNK), length);
	}

}
