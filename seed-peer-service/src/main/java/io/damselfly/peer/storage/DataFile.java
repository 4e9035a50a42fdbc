package io.damselfly.peer.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional writes into a task's data file. An interface so a test can put a failing disk under the
 * store without filling a real one.
 */
public interface DataFile extends Closeable {

	/** Writes all of {@code src} at {@code position}; blocking, call it off the event loop. */
	void write(ByteBuffer src, long position) throws IOException;

	/** Forces written bytes to the device (fdatasync). */
	void force() throws IOException;

	/** Opens the data file of a task. */
	@FunctionalInterface
	interface Opener {

		DataFile open(Path path) throws IOException;

	}

	/** The real thing: a {@link FileChannel}, whose positional writes are safe from several threads. */
	static DataFile open(Path path) throws IOException {
		FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		return new DataFile() {

			@Override
			public void write(ByteBuffer src, long position) throws IOException {
				long at = position;
				while (src.hasRemaining()) {
					at += channel.write(src, at);
				}
			}

			@Override
			public void force() throws IOException {
				channel.force(false);
			}

			@Override
			public void close() throws IOException {
				channel.close();
			}
		};
	}

}
