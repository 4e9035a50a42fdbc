package io.damselfly.peer.storage;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog durable: for every dirty task, forces its data file, then saves its metadata, so the
 * metadata on disk never claims a piece a power loss could take away. One flush at a time (they share
 * temp files). Blocking: call off the event loop.
 */
final class MetadataFlusher {

	private static final Logger logger = LoggerFactory.getLogger(MetadataFlusher.class);

	private final TaskCatalog catalog;

	private final TaskFiles files;

	private final WriteFailureListener writeFailures;

	private final Object flushLock = new Object();

	MetadataFlusher(TaskCatalog catalog, TaskFiles files, WriteFailureListener writeFailures) {
		this.catalog = catalog;
		this.files = files;
		this.writeFailures = writeFailures;
	}

	void flush() {
		synchronized (flushLock) {
			for (StoredTask task : catalog.all()) {
				if (task.dirty()) {
					flush(task);
				}
			}
		}
	}

	private void flush(StoredTask task) {
		task.clean();
		try {
			DataFile file = task.openFile();
			if (file != null) {
				file.force();
			}
			if (task.isComplete()) {
				task.closeFile();
			}
			files.writeMetadata(task);
		}
		catch (IOException ex) {
			writeFailures.onWriteFailure(ex);
			// Fail-closed: keep it dirty so the next flush retries; the metadata on disk stays the older truth.
			task.markDirty();
			logger.warn("Could not save metadata of task {}: {}", task.taskId, ex.toString());
		}
	}

	/** Saves what is dirty and closes every open data file. */
	void close() {
		flush();
		for (StoredTask task : catalog.all()) {
			try {
				task.closeFile();
			}
			catch (IOException ex) {
				logger.warn("Could not close the data file of task {}: {}", task.taskId, ex.toString());
			}
		}
	}

}
