package io.damselfly.peer.serve;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts concurrent piece uploads against the slot limit announced to schedulers. */
public class UploadSlots {

	private final int limit;

	private final AtomicInteger inFlight = new AtomicInteger();

	public UploadSlots(int limit) {
		this.limit = limit;
	}

	/** Takes a slot, or returns false when all are busy. */
	public boolean tryAcquire() {
		while (true) {
			int current = inFlight.get();
			if (current >= limit) {
				return false;
			}
			if (inFlight.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	public void release() {
		inFlight.updateAndGet((n) -> Math.max(0, n - 1));
	}

	public int inFlight() {
		return inFlight.get();
	}

	public int limit() {
		return limit;
	}

}
