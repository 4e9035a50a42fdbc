package io.damselfly.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.damselfly.cli.origin.DemoOrigin;
import io.damselfly.common.digest.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOriginTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void servesTheGeneratedFileAndCountsEveryByte() throws Exception {
		Path file = dir.resolve("f.bin");
		String sha = DemoOrigin.generate(file, 300_001, 7);
		assertThat(Digests.sha256Hex(Files.readAllBytes(file))).isEqualTo(sha);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String url = origin.serve("f.bin", file);
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
			assertThat(Digests.sha256Hex(response.body())).isEqualTo(sha);
			assertThat(origin.bytesSent("f.bin")).isEqualTo(300_001);
		}
	}

	@Test
	void answersConditionalRequestsUntilTheFileIsReplaced() throws Exception {
		Path first = dir.resolve("v1.bin");
		Path second = dir.resolve("v2.bin");
		DemoOrigin.generate(first, 1000, 1);
		DemoOrigin.generate(second, 1000, 2);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String url = origin.serve("latest.bin", first);
			HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url))
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
			String etag = head.headers().firstValue("ETag").orElseThrow();
			String modified = head.headers().firstValue("Last-Modified").orElseThrow();
			assertThat(send(url, "If-None-Match", etag)).isEqualTo(304);
			assertThat(send(url, "If-Modified-Since", modified)).isEqualTo(304);
			assertThat(origin.notModified("latest.bin")).isEqualTo(2);
			origin.replace("latest.bin", second);
			assertThat(send(url, "If-None-Match", etag)).isEqualTo(200);
			assertThat(origin.heads("latest.bin")).isEqualTo(4);
			assertThat(origin.gets("latest.bin")).isZero();

			String plain = origin.serve("plain.bin", first, true, true, null, false);
			HttpResponse<Void> bare = http.send(HttpRequest.newBuilder(URI.create(plain))
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
			assertThat(bare.headers().firstValue("ETag")).isEmpty();
			assertThat(bare.headers().firstValue("Last-Modified")).isEmpty();
			assertThat(send(plain, "If-None-Match", "*")).as("no validators: conditionals ignored").isEqualTo(200);
		}
	}

	private int send(String url, String header, String value) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value)
			.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void honoursRangesOnlyWhenAsked() throws Exception {
		Path file = dir.resolve("r.bin");
		DemoOrigin.generate(file, 1000, 1);
		byte[] all = Files.readAllBytes(file);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String ranged = origin.serve("r.bin", file);
			String plain = origin.serve("p.bin", file, false, false, null);
			HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(ranged)).header("Range", "bytes=100-199")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/1000");
			assertThat(part.body()).containsExactly(java.util.Arrays.copyOfRange(all, 100, 200));
			HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(plain)).header("Range", "bytes=100-199")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(whole.statusCode()).isEqualTo(200);
			assertThat(whole.headers().firstValue("Accept-Ranges")).isEmpty();
			assertThat(whole.headers().firstValue("Content-Length")).isEmpty();
			assertThat(whole.body()).containsExactly(all);
			assertThat(origin.bytesSent("r.bin")).isEqualTo(100);
			assertThat(origin.bytesSent("p.bin")).isEqualTo(1000);
		}
	}

	@Test
	void answersAnOpenRangeAndRefusesRangesItCannotSatisfyWith416() throws Exception {
		Path file = dir.resolve("u.bin");
		DemoOrigin.generate(file, 1000, 3);
		byte[] all = Files.readAllBytes(file);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String url = origin.serve("u.bin", file);
			HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=990-")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(tail.statusCode()).isEqualTo(206);
			assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
			assertThat(tail.body()).containsExactly(java.util.Arrays.copyOfRange(all, 990, 1000));
			for (String range : new String[] { "bytes=1000-", "bytes=5-3", "bytes=99999999999999999999-", "bytes=0-1,5-6",
					"lines=1-2" }) {
				HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", range).build(),
						HttpResponse.BodyHandlers.discarding());
				assertThat(refused.statusCode()).as(range).isEqualTo(416);
				assertThat(refused.headers().firstValue("Content-Range")).as(range).hasValue("bytes */1000");
			}
			assertThat(origin.bytesSent("u.bin")).isEqualTo(10);
		}
	}

	@Test
	void refusesRequestsWithoutTheRequiredHeader() throws Exception {
		Path file = dir.resolve("a.bin");
		DemoOrigin.generate(file, 10, 1);
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			String url = origin.serve("a.bin", file, true, true, "Authorization: Bearer s3cret");
			assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode()).isEqualTo(401);
			assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer s3cret").build(),
					HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		}
	}

}
