package io.damselfly.manager.probe.api;

import java.util.List;

import io.damselfly.manager.probe.NodeProber;
import io.damselfly.manager.probe.ownership.ManagerHeartbeat;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/probes}: this manager's id, the managers it sees alive, and the nodes it probed in its
 * latest round (docs/architecture.md#past-one-machine). With several managers, each node appears under
 * exactly one of them.
 */
@RestController
public class ProbeController {

	private final ManagerHeartbeat heartbeat;

	private final NodeProber prober;

	public ProbeController(ManagerHeartbeat heartbeat, NodeProber prober) {
		this.heartbeat = heartbeat;
		this.prober = prober;
	}

	@GetMapping("/api/v1/probes")
	public ProbeView probes() {
		return new ProbeView(heartbeat.self(), heartbeat.live().stream().sorted().toList(),
				prober.probing().stream().sorted().toList());
	}

	/**
	 * @param managerId this manager
	 * @param liveManagers every manager alive at its last heartbeat, itself included
	 * @param probing the node ids it probed in its latest round
	 */
	public record ProbeView(String managerId, List<String> liveManagers, List<String> probing) {
	}

}
