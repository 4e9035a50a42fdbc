package io.damselfly.scheduler.config;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * This instance's id, recorded in every explanation so an operator sees which of several schedulers
 * decided. Configured, or {@code scheduler-<port>} once the web server has bound its port.
 */
public class InstanceId implements ApplicationListener<WebServerInitializedEvent> {

	private volatile String id;

	private final boolean configured;

	public InstanceId(SchedulerProperties properties) {
		String value = properties.instanceId();
		this.configured = value != null && !value.isBlank();
		this.id = configured ? value.trim() : "scheduler";
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!configured && !"management".equals(event.getApplicationContext().getServerNamespace())) {
			id = "scheduler-" + event.getWebServer().getPort();
		}
	}

	public String get() {
		return id;
	}

}
