package io.damselfly.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;



/**
 * An OCI image layout written to a directory: layers of the given odd sizes (gzip'd tars of random,
 * incompressible files), a config and a manifest, tagged {@code v1}, ready for
 * {@code skopeo copy oci:DIR:v1 docker://...}.
 *
 * @param dir the layout directory
 * @param layers digests of the layer blobs, in order
 * @param config digest of the config blob
 * @param blobBytes bytes of every blob a pull fetches (layers and config)
 */
public record OciImage(Path dir, List<String> layers, String config, long blobBytes) {

	public static OciImage write(Path dir, long seed, int... fileSizes) throws IOException {
		Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
		Random random = new Random(seed);
		List<String> layers = new ArrayList<>();
		List<String> diffIds = new ArrayList<>();
		StringBuilder layerJson = new StringBuilder();
		long total = 0;
		for (int i = 0; i < fileSizes.length; i++) {
			byte[] content = new byte[fileSizes[i]];
			random.nextBytes(content);
			byte[] tar = tar("layer-" + i + ".bin", content);
			diffIds.add("\"sha256:" + Tools.sha256Hex(tar) + "\"");
			ByteArrayOutputStream gz = new ByteArrayOutputStream();
			try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
				out.write(tar);
			}
			byte[] blob = gz.toByteArray();
			String digest = put(dir, blob);
			layers.add(digest);
			total += blob.length;
			layerJson.append((i > 0) ? "," : "").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",")
				.append("\"digest\":\"").append(digest).append("\",\"size\":").append(blob.length).append('}');
		}
		byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
				+ "\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
		String configDigest = put(dir, config);
		total += config.length;
		byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
				+ "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
				+ "\",\"size\":" + config.length + "},\"layers\":[" + layerJson + "]}").getBytes(StandardCharsets.UTF_8);
		String manifestDigest = put(dir, manifest);
		Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
		Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
				+ manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
		return new OciImage(dir, List.copyOf(layers), configDigest, total);
	}

	private static String put(Path dir, byte[] blob) throws IOException {
		String hex = Tools.sha256Hex(blob);
		Files.write(dir.resolve("blobs").resolve("sha256").resolve(hex), blob);
		return "sha256:" + hex;
	}

	/** A POSIX ustar archive holding one regular file. */
	static byte[] tar(String name, byte[] content) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] header = new byte[512];
		put(header, 0, name, 100);
		put(header, 100, "0000644", 8);
		put(header, 108, "0000000", 8);
		put(header, 116, "0000000", 8);
		put(header, 124, String.format("%011o", content.length), 12);
		put(header, 136, String.format("%011o", 1700000000L), 12);
		java.util.Arrays.fill(header, 148, 156, (byte) ' ');
		header[156] = '0';
		put(header, 257, "ustar", 6);
		put(header, 263, "00", 2);
		long sum = 0;
		for (byte b : header) {
			sum += b & 0xff;
		}
		put(header, 148, String.format("%06o", sum), 7);
		header[155] = ' ';
		out.write(header);
		out.write(content);
		pad(out, content.length);
		out.write(new byte[1024]);
		return out.toByteArray();
	}

	private static void put(byte[] header, int offset, String value, int length) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
	}

	private static void pad(OutputStream out, long length) throws IOException {
		int rest = (int) (length % 512);
		if (rest != 0) {
			out.write(new byte[512 - rest]);
		}
	}

}
