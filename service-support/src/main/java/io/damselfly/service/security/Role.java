package io.damselfly.service.security;

import java.util.Locale;

/**
 * Who may do what (docs/architecture.md#trust-and-security). A token names exactly one role, in its
 * {@code role} claim; Spring Security sees it as the authority {@code ROLE_<name>}.
 */
public enum Role {

	/** The operator: changes cluster config, deletes nodes, may call anything. */
	ADMIN,

	/** A manager: probes nodes and reads their health details. Never handed out by the token endpoint. */
	MANAGER,

	/** A scheduler: registers with the manager and triggers seeds. */
	SCHEDULER,

	/** A seed peer: registers with the manager, announces and reports as the trusted first fetcher. */
	SEED,

	/** A normal peer: announces and reports to schedulers, fetches pieces from other peers. */
	PEER,

	/** The gateway's own identity, for its calls to the manager. */
	GATEWAY;

	/** The claim value and the role name Spring Security's {@code hasRole} takes. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String authority() {
		return "ROLE_" + id();
	}

	public static Role of(String id) {
		return valueOf(id.trim().toUpperCase(Locale.ROOT));
	}

	/** Role names for {@code hasAnyRole}. */
	public static String[] ids(Role... roles) {
		String[] ids = new String[roles.length];
		for (int i = 0; i < roles.length; i++) {
			ids[i] = roles[i].id();
		}
		return ids;
	}

}
