package io.damselfly.peer.source;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions alone; OriginRedirectTests shows them made at connect time on a real daemon. */
class OriginAddressPolicyTests {

	@ParameterizedTest(name = "{0} loopback={1} private={2} -> {3}")
	@CsvSource({
			// link-local and metadata: never, whatever the settings
			"169.254.169.254, true, true, link-local", "169.254.1.1, true, true, link-local",
			"fe80::1, true, true, link-local", "fd00:ec2::254, true, true, link-local",
			"::ffff:169.254.169.254, true, true, link-local", "0.0.0.0, true, true, not an address",
			"224.0.0.1, true, true, not an address",
			// loopback: only when allowed
			"127.0.0.1, false, true, allow-loopback", "::1, false, true, allow-loopback",
			"::ffff:127.0.0.1, false, true, allow-loopback", "127.0.0.1, true, false, ",
			// private: only when allowed
			"10.1.2.3, true, false, allow-private", "172.16.0.1, true, false, allow-private",
			"192.168.1.1, true, false, allow-private", "100.64.0.1, true, false, allow-private",
			"fc00::1, true, false, allow-private", "10.1.2.3, false, true, ",
			// public: always
			"93.184.216.34, false, false, ", "2606:2800:220:1::1, false, false, " })
	void decides(String address, boolean loopback, boolean privateRanges, String refusal) throws Exception {
		String why = new OriginAddressPolicy(loopback, privateRanges).refusal(InetAddress.getByName(address));
		if (refusal == null) {
			assertThat(why).isNull();
		}
		else {
			assertThat(why).contains(refusal);
		}
	}

}
