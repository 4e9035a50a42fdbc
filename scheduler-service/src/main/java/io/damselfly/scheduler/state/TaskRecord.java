package io.damselfly.scheduler.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.damselfly.common.task.TaskMeta;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored.
 *
 * @param taskId the task
 * @param url the URL with filtered query parameters removed
 * @param originUrl the URL as the first peer registered it (what a triggered seed fetches)
 * @param tag tag, empty when none
 * @param application application, empty when none
 * @param digest the user's whole-file digest, empty when none
 * @param contentLength bytes, -1 while unknown
 * @param pieceSize bytes per piece, 0 while unknown
 * @param pieceCount pieces, -1 while unknown
 * @param pieceDigests recorded piece digests by piece number
 */
public record TaskRecord(String taskId, String url, String originUrl, String tag, String application, String digest,
		long contentLength, long pieceSize, int pieceCount, Map<Integer, String> pieceDigests) {

	/** The wire form handed out with every decision; unknown digests are null entries. */
	public TaskMeta toMeta() {
		int size = pieceCount;
		if (size < 0) {
			size = 0;
			for (Integer n : pieceDigests.keySet()) {
				size = Math.max(size, n + 1);
			}
		}
		@Nullable String[] digests = new String[size];
		for (Map.Entry<Integer, String> entry : pieceDigests.entrySet()) {
			if (entry.getKey() < size) {
				digests[entry.getKey()] = entry.getValue();
			}
		}
		List<@Nullable String> list = new ArrayList<>(Arrays.asList(digests));
		return new TaskMeta(taskId, contentLength, pieceSize, pieceCount, list);
	}

}
