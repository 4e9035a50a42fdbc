package io.damselfly.scheduler.state;

import java.util.List;

/**
 * The Redis key layout. Everything task-scoped carries the {@code {taskId}} hash tag, so a task's keys
 * share one slot and every script runs unchanged on Redis Cluster. Host keys are separate: a host
 * serves many tasks. A host's statistics and breaker carry the {@code {hostId}} tag, so one script
 * updates both.
 * <pre>
 * df:task:{t}                 hash   url, originUrl, tag, application, digest, contentLength, pieceSize,
 *                                    pieceCount, createdAt, updatedAt                      (task TTL)
 * df:task:{t}:digests         hash   piece number → sha256, first origin writer wins     (task TTL)
 * df:task:{t}:peers           hash   peer id → state                                      (task TTL)
 * df:task:{t}:servable        set    peers holding a verified piece, seeds at the origin (task TTL)
 * df:task:{t}:running         set    peers given parents, no piece yet                    (task TTL)
 * df:task:{t}:origin          set    peers at the origin now                              (task TTL)
 * df:task:{t}:seeds           set    seed peers holding or fetching the task              (task TTL)
 * df:task:{t}:parents         hash   peer id → its current parents, comma-separated       (task TTL)
 * df:task:{t}:seed            string the seed node triggered for the task      (retry interval × N)
 * df:peer:{t}:p               hash   hostId, state, attempts, failures, createdAt, updatedAt (peer TTL)
 * df:peer:{t}:p:pieces        bitmap verified pieces, Redis bit order                     (peer TTL)
 * df:peer:{t}:p:blocklist     set    parents the peer reported as failing                 (peer TTL)
 * df:peer:{t}:p:attempts      list   the last attempts' explanations, newest first        (peer TTL)
 * df:peer:{t}:p:given         set    every parent ever handed to the peer                  (peer TTL)
 * df:peer-task:p              string the peer's task id                                   (peer TTL)
 * df:host:h                   string the last announce, JSON                    (3 × announce interval)
 * df:hosts                    zset   host ids scored by announce expiry (ms), for listing hosts
 * df:host-addr:ip:port        string host id at that address                    (3 × announce interval)
 * df:host-stats:{h}           string "ok failed n mean m2 last" of pieces served          (peer TTL)
 * df:host-breaker:{h}         string "state|openedAt|openUntil|grantedAt|children|probes|recent|reason",
 *                                    the host's breaker shared by every instance          (idle TTL)
 * </pre>
 */
public final class RedisKeys {

	private RedisKeys() {
	}

	public static String task(String taskId) {
		return "df:task:{" + taskId + "}";
	}

	public static String digests(String taskId) {
		return task(taskId) + ":digests";
	}

	public static String peers(String taskId) {
		return task(taskId) + ":peers";
	}

	public static String servable(String taskId) {
		return task(taskId) + ":servable";
	}

	public static String running(String taskId) {
		return task(taskId) + ":running";
	}

	public static String origin(String taskId) {
		return task(taskId) + ":origin";
	}

	public static String seeds(String taskId) {
		return task(taskId) + ":seeds";
	}

	public static String parents(String taskId) {
		return task(taskId) + ":parents";
	}

	public static String seedTrigger(String taskId) {
		return task(taskId) + ":seed";
	}

	/** Prefix of a task's peer keys; scripts append the peer id. */
	public static String peerPrefix(String taskId) {
		return "df:peer:{" + taskId + "}:";
	}

	public static String peer(String taskId, String peerId) {
		return peerPrefix(taskId) + peerId;
	}

	public static String pieces(String taskId, String peerId) {
		return peer(taskId, peerId) + ":pieces";
	}

	public static String blocklist(String taskId, String peerId) {
		return peer(taskId, peerId) + ":blocklist";
	}

	/** Every parent the scheduler has handed the peer: only those may be blamed in its failure reports. */
	public static String given(String taskId, String peerId) {
		return peer(taskId, peerId) + ":given";
	}

	public static String attempts(String taskId, String peerId) {
		return peer(taskId, peerId) + ":attempts";
	}

	public static String peerTask(String peerId) {
		return "df:peer-task:" + peerId;
	}

	public static String host(String hostId) {
		return "df:host:" + hostId;
	}

	/** Sorted set of announced host ids, scored by when their announce expires (epoch ms). */
	public static String hosts() {
		return "df:hosts";
	}

	public static String hostAddress(String ip, int port) {
		return "df:host-addr:" + ip + ":" + port;
	}

	public static String hostStats(String hostId) {
		return "df:host-stats:{" + hostId + "}";
	}

	public static String hostBreaker(String hostId) {
		return "df:host-breaker:{" + hostId + "}";
	}

	/** Every task-level key, in the order the scripts expect them. */
	static List<String> taskKeys(String taskId) {
		return List.of(task(taskId), digests(taskId), peers(taskId), servable(taskId), running(taskId),
				origin(taskId), seeds(taskId), parents(taskId));
	}

}
