package io.damselfly.certificate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackCertificateTests {

	@TempDir
	Path dir;

	@Test
	void certificateNamesLoopbackAndItsKeyIsPrivateAndMatches() throws Exception {
		LoopbackCertificate made = LoopbackCertificate.in(dir.resolve("tls"));
		assertThat(Files.getPosixFilePermissions(made.privateKey())).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		assertThat(made.x509().getSubjectAlternativeNames().stream().map((name) -> (Object) name.get(1)))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1");
		assertThat(dir.resolve("tls")).isDirectoryNotContaining("glob:**.p12");
		String pem = Files.readString(made.privateKey(), StandardCharsets.US_ASCII);
		PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
			.decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(key);
		signer.update(new byte[] { 1, 2, 3 });
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(made.x509());
		verifier.update(new byte[] { 1, 2, 3 });
		assertThat(verifier.verify(signature)).as("key.pem is the certificate's key").isTrue();
		assertThat(made.trustStore().getCertificate("damselfly")).isEqualTo(made.x509());
	}

	@Test
	void aValidCertificateIsKeptWhenAskedAgain() throws Exception {
		LoopbackCertificate first = LoopbackCertificate.in(dir);
		byte[] before = Files.readAllBytes(first.certificate());
		LoopbackCertificate again = LoopbackCertificate.in(dir);
		assertThat(Files.readAllBytes(again.certificate())).isEqualTo(before);
		assertThat(List.of(again.certificate(), again.privateKey())).allMatch(Files::exists);
	}

}
