package io.damselfly.service.lifecycle;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.DisposableBean;

/**
 * Where Reactor sends an error that arrives after its subscriber has gone: the default logs it at ERROR
 * with a full stack trace. One such error is expected and harmless: a call to another node that timed
 * out (the caller moved on and cancelled) and whose response then arrives, whose body WebClient has
 * already released (reactor-netty issue 472). Nodes starting together time out on each other's first
 * calls, so every cluster start logged a few of those as ERRORs. That one is logged at DEBUG; any other
 * dropped error at WARN, with its stack trace. The hook is global to the JVM: installed once however many
 * application contexts run in it (tests start several), and Reactor's own handler is back when the last
 * of them closes.
 */
public final class DroppedErrors implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DroppedErrors.class);

	static final String RELEASED_AFTER_CANCEL = "released already due to cancellation";

	private static final Object lock = new Object();

	private static int installed;

	public DroppedErrors() {
		synchronized (lock) {
			if (installed++ == 0) {
				Hooks.onErrorDropped(handler());
			}
		}
	}

	/** How many application contexts hold the hook now. */
	static int holders() {
		synchronized (lock) {
			return installed;
		}
	}

	static Consumer<Throwable> handler() {
		return (ex) -> {
			if (isBodyReleasedAfterCancel(ex)) {
				logger.debug("A response arrived after its caller gave up on it: {}", ex.toString());
			}
			else {
				logger.warn("An error arrived after its subscriber had gone: {}", ex.toString(), ex);
			}
		};
	}

	static boolean isBodyReleasedAfterCancel(Throwable ex) {
		return ex instanceof IllegalStateException && ex.getMessage() != null
				&& ex.getMessage().contains(RELEASED_AFTER_CANCEL);
	}

	@Override
	public void destroy() {
		synchronized (lock) {
			if (--installed == 0) {
				Hooks.resetOnErrorDropped();
			}
		}
	}

}
