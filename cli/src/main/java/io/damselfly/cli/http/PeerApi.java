package io.damselfly.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadStatus;

/** The peer daemon's local download API (docs/architecture.md#peer-daemon). */
public final class PeerApi {

	private final String baseUrl;

	public PeerApi(String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	public String baseUrl() {
		return baseUrl;
	}

	public DownloadAccepted start(DownloadRequest request) {
		return Http.post(baseUrl + "/api/v1/downloads", request, DownloadAccepted.class);
	}

	public DownloadStatus status(String id) {
		return Http.get(baseUrl + "/api/v1/downloads/" + id, DownloadStatus.class);
	}

	/**
	 * The status once the download has ended, or after {@code waitSeconds} (kept under {@link Http}'s
	 * request timeout): the peer answers at the end at once, so waiting costs one request per wait.
	 */
	public DownloadStatus status(String id, int waitSeconds) {
		return Http.get(baseUrl + "/api/v1/downloads/" + id + "?wait=" + waitSeconds, DownloadStatus.class);
	}

	/** The status, with the whole file's SHA-256 once SUCCEEDED (the peer hashes it on first ask). */
	public DownloadStatus statusWithSha256(String id) {
		return Http.get(baseUrl + "/api/v1/downloads/" + id + "?sha256=true", DownloadStatus.class);
	}

	/** Streams the finished content to {@code out} and returns its hex SHA-256. */
	public String content(String id, Path out) {
		MessageDigest sha = Digests.newSha256();
		try {
			Path parent = out.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the folder of " + out, ex);
		}
		try (InputStream in = Http.stream(baseUrl + "/api/v1/downloads/" + id + "/content");
				OutputStream file = Files.newOutputStream(out)) {
			byte[] buffer = new byte[256 * 1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				sha.update(buffer, 0, n);
				file.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + out, ex);
		}
		return Digests.hex(sha);
	}

}
