package io.damselfly.scheduler.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.ScriptOutputType;

import org.springframework.core.io.ClassPathResource;

/**
 * A Lua script of this package, read once, with its SHA-1 for {@code EVALSHA}.
 *
 * @param name file name
 * @param text the script
 * @param sha1 hex SHA-1 of the text
 * @param output how Redis' reply is decoded
 */
public record LuaScript(String name, String text, String sha1, ScriptOutputType output) {

	static LuaScript load(String name, ScriptOutputType output) {
		try (InputStream in = new ClassPathResource("io/damselfly/scheduler/state/" + name).getInputStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return new LuaScript(name, text, HexFormat.of().formatHex(sha1), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read Lua script " + name, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every Java platform", ex);
		}
	}

}
