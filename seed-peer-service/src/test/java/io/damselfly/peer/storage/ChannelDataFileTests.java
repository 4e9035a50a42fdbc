package io.damselfly.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An interrupted writer closes a {@code FileChannel} for every thread; the data file must survive it,
 * or the last metadata flush at shutdown fails and a restart finds nothing.
 */
class ChannelDataFileTests {

	@TempDir
	Path dir;

	@Test
	void anInterruptedWriterDoesNotCloseTheFileForTheOthers() throws Exception {
		Path path = dir.resolve("task.data");
		try (DataFile file = DataFile.open(path)) {
			file.write(ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)), 0);
			AtomicReference<Throwable> interrupted = new AtomicReference<>();
			Thread writer = new Thread(() -> {
				Thread.currentThread().interrupt();
				try {
					file.write(ByteBuffer.wrap("XXXXX".getBytes(StandardCharsets.US_ASCII)), 5);
				}
				catch (IOException ex) {
					interrupted.set(ex);
				}
			});
			writer.start();
			writer.join();
			assertThat(interrupted.get()).isInstanceOf(ClosedByInterruptException.class);
			file.write(ByteBuffer.wrap("-second".getBytes(StandardCharsets.US_ASCII)), 5);
			file.force();
		}
		assertThat(Files.readString(path)).isEqualTo("first-second");
	}

	@Test
	void aClosedFileStaysClosedAndADeletedOneIsNotRecreated() throws Exception {
		Path path = dir.resolve("gone.data");
		DataFile file = DataFile.open(path);
		file.close();
		assertThatThrownBy(() -> file.force()).isInstanceOf(ClosedChannelException.class);

		DataFile evicted = DataFile.open(path);
		Thread interrupter = new Thread(() -> {
			Thread.currentThread().interrupt();
			try {
				evicted.force();
			}
			catch (IOException ex) {
				// expected: the interrupt closes the channel
			}
		});
		interrupter.start();
		interrupter.join();
		Files.delete(path);
		assertThatThrownBy(() -> evicted.write(ByteBuffer.allocate(1), 0)).isInstanceOf(NoSuchFileException.class);
		assertThat(path).doesNotExist();
		evicted.close();
	}

}
