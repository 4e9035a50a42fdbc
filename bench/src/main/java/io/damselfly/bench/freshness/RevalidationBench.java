package io.damselfly.bench.freshness;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.damselfly.bench.support.Options;
import io.damselfly.bench.support.Table;
import io.damselfly.cli.origin.DemoOrigin;

/**
 * The price of one revalidation against a loopback origin: the conditional {@code HEAD} a peer sends
 * before every URL download (answered 304), and a plain one (answered 200 with the ETag), against the
 * time to GET the whole file from the same origin. One keep-alive HTTP/1.1 connection, as the daemon's
 * pool keeps one.
 *
 * <pre>
 * java -Dloader.main=io.damselfly.bench.freshness.RevalidationBench -jar bench/target/bench-0.1.0-SNAPSHOT.jar \
 *   --size-mib 128 --heads 2000 --gets 3
 * </pre>
 */
public final class RevalidationBench {

	private RevalidationBench() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		long size = options.integer("size-mib", 128) * 1024L * 1024L;
		int heads = options.integer("heads", 2000);
		int gets = options.integer("gets", 3);
		Path dir = Files.createTempDirectory("revalidation-bench");
		Path file = dir.resolve("file.bin");
		DemoOrigin.generate(file, size, 1);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String url = origin.serve("file.bin", file);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpResponse<Void> first = http.send(HttpRequest.newBuilder(URI.create(url))
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
			String etag = first.headers().firstValue("ETag").orElseThrow();
			HttpRequest conditional = HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag)
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
			HttpRequest plain = HttpRequest.newBuilder(URI.create(url))
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
			time(http, conditional, heads / 4, 304);
			double[] notModified = time(http, conditional, heads, 304);
			double[] ok = time(http, plain, heads, 200);
			double[] whole = new double[gets];
			for (int i = 0; i < gets; i++) {
				long start = System.nanoTime();
				HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
						HttpResponse.BodyHandlers.ofInputStream());
				try (InputStream in = response.body()) {
					in.transferTo(java.io.OutputStream.nullOutputStream());
				}
				whole[i] = (System.nanoTime() - start) / 1e6;
			}
			Arrays.sort(whole);
			double get = whole[whole.length / 2];
			Table table = new Table("request", "n", "p50 ms", "p90 ms", "p99 ms", "p50 share of a whole GET");
			table.row("HEAD If-None-Match -> 304", heads, ms(pct(notModified, 50)), ms(pct(notModified, 90)),
					ms(pct(notModified, 99)), share(pct(notModified, 50), get));
			table.row("HEAD -> 200 with ETag", heads, ms(pct(ok, 50)), ms(pct(ok, 90)), ms(pct(ok, 99)),
					share(pct(ok, 50), get));
			table.row("GET " + size / (1024 * 1024) + " MiB", gets, ms(get), "", "", "100%");
			table.print();
		}
		finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(dir);
		}
	}

	private static double[] time(HttpClient http, HttpRequest request, int n, int status) throws Exception {
		double[] millis = new double[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			millis[i] = (System.nanoTime() - start) / 1e6;
			if (response.statusCode() != status) {
				throw new IllegalStateException("expected " + status + ", got " + response.statusCode());
			}
		}
		Arrays.sort(millis);
		return millis;
	}

	private static double pct(double[] sorted, int p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	private static String ms(double millis) {
		return String.format("%.3f", millis);
	}

	private static String share(double part, double whole) {
		return String.format("%.4f%%", 100 * part / whole);
	}

}
