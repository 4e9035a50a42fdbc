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

	/**
	 * The real thing: a {@link FileChannel}, whose positional writes are safe from several threads. A
	 * {@code FileChannel} closes itself when a thread using it is interrupted (a download cancelled, a
	 * periodic flush stopped at shutdown); the file then reopens on next use, so one interrupted writer
	 * never makes the other writers, or the last metadata flush, fail. Bytes already written went to the
	 * file, not the channel, so a force through the reopened channel still makes them durable.
	 */
	static DataFile open(Path path) throws IOException {
		return new ChannelDataFile(path);
	}

}
