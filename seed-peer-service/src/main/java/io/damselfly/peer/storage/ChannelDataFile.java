package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DataFile#open}: a file channel that reopens when an interrupt closed it, until closed on purpose.
 * Writes take turns: a buffered write holds the file's inode lock in the kernel anyway, and writers that
 * meet there spin on it (5% of a downloading peer's CPU with six pieces in flight), where a writer that
 * waits here sleeps.
 */
final class ChannelDataFile implements DataFile {

	private static final Logger logger = LoggerFactory.getLogger(ChannelDataFile.class);

	private final Path path;

	private volatile FileChannel channel;

	private volatile boolean closed;

	private final ReentrantLock writing = new ReentrantLock();

	ChannelDataFile(Path path) throws IOException {
		this.path = path;
		this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
	}

	@Override
	public void write(ByteBuffer src, long position) throws IOException {
		FileChannel current = channel();
		long at = position;
		writing.lock();
		try {
			while (src.hasRemaining()) {
				at += current.write(src, at);
			}
		}
		finally {
			writing.unlock();
		}
	}

	@Override
	public void force() throws IOException {
		channel().force(false);
	}

	@Override
	public synchronized void close() throws IOException {
		closed = true;
		channel.close();
	}

	private FileChannel channel() throws IOException {
		FileChannel current = channel;
		if (current.isOpen()) {
			return current;
		}
		synchronized (this) {
			if (closed) {
				throw new ClosedChannelException();
			}
			if (!channel.isOpen()) {
				// No CREATE: a data file deleted meanwhile (evicted, discarded) must not come back empty.
				channel = FileChannel.open(path, StandardOpenOption.WRITE);
				logger.debug("Reopened {} after an interrupted thread closed its channel", path);
			}
			return channel;
		}
	}

}
