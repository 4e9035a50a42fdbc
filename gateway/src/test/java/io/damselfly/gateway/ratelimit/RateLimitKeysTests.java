package io.damselfly.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;

import io.damselfly.service.security.Caller;
import io.damselfly.service.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitKeysTests {

	private static final InetSocketAddress REMOTE = new InetSocketAddress(address("192.0.2.7"), 40123);

	@Test
	void aCallerWithARoleIsKeyedByRoleAndSubjectWhateverItsAddress() {
		assertThat(RateLimitKeys.of(new Caller("host-7", Set.of(Role.PEER)), REMOTE)).isEqualTo("caller:peer:host-7");
		assertThat(RateLimitKeys.of(new Caller("host-7", Set.of(Role.PEER)),
				new InetSocketAddress(address("198.51.100.1"), 1))).isEqualTo("caller:peer:host-7");
	}

	@Test
	void theSameSubjectUnderAnotherRoleIsAnotherCaller() {
		assertThat(RateLimitKeys.of(new Caller("admin", Set.of(Role.PEER)), REMOTE))
			.isNotEqualTo(RateLimitKeys.of(new Caller("admin", Set.of(Role.ADMIN)), REMOTE))
			.isEqualTo("caller:peer:admin");
	}

	@Test
	void anAnonymousCallIsKeyedByTheConnectionsAddress() {
		assertThat(RateLimitKeys.of(null, REMOTE)).isEqualTo("address:192.0.2.7");
		assertThat(RateLimitKeys.of(null, new InetSocketAddress(address("192.0.2.7"), 50000)))
			.as("the port is not part of the key: a new connection is not a new caller")
			.isEqualTo("address:192.0.2.7");
	}

	@Test
	void aCallerWithoutADamselflyRoleOrSubjectIsKeyedByAddress() {
		assertThat(RateLimitKeys.of(new Caller("prometheus", Set.of()), REMOTE)).isEqualTo("address:192.0.2.7");
		assertThat(RateLimitKeys.of(new Caller(" ", Set.of(Role.PEER)), REMOTE)).isEqualTo("address:192.0.2.7");
	}

	@Test
	void anIpv6CallerIsKeyedByItsSlash64() {
		String key = RateLimitKeys.of(null, new InetSocketAddress(address("2001:db8:aa:bb:1:2:3:4"), 1));
		assertThat(key).isEqualTo("address:2001:db8:aa:bb::/64");
		assertThat(RateLimitKeys.of(null, new InetSocketAddress(address("2001:db8:aa:bb:ffff::9"), 1)))
			.as("another address of the same /64").isEqualTo(key);
		assertThat(RateLimitKeys.of(null, new InetSocketAddress(address("2001:db8:aa:bc::1"), 1))).isNotEqualTo(key);
		assertThat(RateLimitKeys.of(null, new InetSocketAddress(address("::1"), 1))).isEqualTo("address:0:0:0:0::/64");
	}

	@Test
	void anIpv4MappedAddressIsTheIpv4Address() {
		assertThat(RateLimitKeys.of(null, new InetSocketAddress(address("::ffff:192.0.2.7"), 1)))
			.isEqualTo("address:192.0.2.7");
	}

	@Test
	void aCallWithoutAPeerAddressSharesTheUnknownBucket() {
		assertThat(RateLimitKeys.of(null, null)).isEqualTo(RateLimitKeys.UNKNOWN_ADDRESS);
		assertThat(RateLimitKeys.of(null, InetSocketAddress.createUnresolved("somewhere", 1)))
			.isEqualTo(RateLimitKeys.UNKNOWN_ADDRESS);
	}

	@Test
	void describeNamesTheCallerOrTheAddress() {
		assertThat(RateLimitKeys.describe("caller:peer:host-7")).isEqualTo("caller peer:host-7");
		assertThat(RateLimitKeys.describe("address:192.0.2.7")).isEqualTo("address 192.0.2.7");
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
