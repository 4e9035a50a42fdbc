package io.damselfly.peer.proxy;

import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.damselfly.common.digest.Digests;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code curl -x} through a daemon's proxy to a local TLS origin: the CONNECT tunnel carries TLS end to
 * end (curl verifies the origin's own certificate) and the bytes are the origin's.
 */
class ConnectTunnelTests {

	@TempDir
	Path dir;

	@Test
	void curlThroughConnectGetsTheTlsOriginsBytes() throws Exception {
		assumeTrue(onPath("curl") && onPath("keytool"), "curl and keytool are needed to drive a real HTTPS client"
				+ " through the tunnel; install curl (apt-get install curl) to run this test");
		Path keystore = dir.resolve("origin.p12");
		Path pem = dir.resolve("origin.pem");
		run("keytool", "-genkeypair", "-alias", "origin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", "changeit");
		run("keytool", "-exportcert", "-rfc", "-alias", "origin", "-keystore", keystore.toString(), "-storepass",
				"changeit", "-file", pem.toString());
		KeyStore ks = KeyStore.getInstance("PKCS12");
		try (FileInputStream in = new FileInputStream(keystore.toFile())) {
			ks.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(ks, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(kmf.getKeyManagers(), null, null);
		byte[] secret = "bytes only the TLS origin has\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
		HttpsServer origin = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		origin.setHttpsConfigurator(new HttpsConfigurator(tls));
		origin.createContext("/secret", (exchange) -> {
			exchange.sendResponseHeaders(200, secret.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(secret);
			}
		});
		origin.start();
		try (StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-tunnel", scheduler.url(), dir.resolve("p"), Map.of())) {
			Path out = dir.resolve("out");
			Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-x", "http://127.0.0.1:" + peer.proxyPort(),
					"--cacert", pem.toString(), "-o", out.toString(),
					"https://localhost:" + origin.getAddress().getPort() + "/secret")
				.redirectErrorStream(true).start();
			assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
			String printed = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(curl.exitValue()).as(printed).isZero();
			assertThat(Digests.sha256Hex(Files.readAllBytes(out))).isEqualTo(Digests.sha256Hex(secret));
			Process refused = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-x",
					"http://127.0.0.1:" + peer.proxyPort(), "--cacert", pem.toString(), "https://localhost:1/")
				.redirectErrorStream(true).start();
			assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("502");
		}
		finally {
			origin.stop(0);
		}
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String d : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(d, tool))) {
				return true;
			}
		}
		return Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", tool));
	}

	private static void run(String... command) throws Exception {
		String[] resolved = command.clone();
		Path jdkTool = Path.of(System.getProperty("java.home"), "bin", command[0]);
		if (Files.isExecutable(jdkTool)) {
			resolved[0] = jdkTool.toString();
		}
		Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
