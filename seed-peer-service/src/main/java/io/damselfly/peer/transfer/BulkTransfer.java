package io.damselfly.peer.transfer;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The reactor-netty client for bulk bodies (pieces, the origin). Netty's HTTP decoder cuts a body into
 * chunks of at most 8 KiB by default, and each chunk is one buffer handed from the event loop to the disk
 * writer and one {@code pwrite}: 32,768 of each per 256 MiB. Chunks as large as a socket read, and reads of
 * up to {@link #READ_MAX} bytes, cut both by an order of magnitude. Memory stays bounded: a piece stream
 * holds at most {@code TaskStore.BUFFERS_IN_FLIGHT} reads, and a read is only as large as what the socket
 * holds at that moment (the allocator adapts to it).
 */
public final class BulkTransfer {

	/** The largest socket read (and so body chunk) of a bulk transfer. */
	public static final int READ_MAX = 128 * 1024;

	/** Bodies the clients may collect whole (JSON answers); bulk bodies are streamed, never collected. */
	public static final int MAX_IN_MEMORY = 4 * 1024 * 1024;

	private BulkTransfer() {
	}

	@SuppressWarnings("deprecation") // maxChunkSize: deprecated for Netty 5, still what Netty 4 decodes with
	public static HttpClient httpClient() {
		return HttpClient.create()
			.httpResponseDecoder((spec) -> spec.maxChunkSize(READ_MAX))
			.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(4096, 64 * 1024, READ_MAX));
	}

}
