package io.damselfly.peer.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range such as {@code 127.0.0.0/8} or {@code ::1/128}, parsed from a literal only (no DNS).
 */
public record Cidr(byte[] network, int prefix) {

	public static Cidr parse(String cidr) {
		int slash = cidr.indexOf('/');
		String address = (slash < 0) ? cidr.trim() : cidr.substring(0, slash).trim();
		if (!address.matches("[0-9A-Fa-f:.]+")) {
			throw new IllegalArgumentException("not an address range: '" + cidr + "'");
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("prefix out of range in '" + cidr + "'");
			}
			return new Cidr(bytes, prefix);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("not an address range: '" + cidr + "'", ex);
		}
	}

	public boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != network.length) {
			return false;
		}
		int full = prefix / 8;
		for (int i = 0; i < full; i++) {
			if (bytes[i] != network[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[full] & mask) == (network[full] & mask);
	}

}
