package io.damselfly.cli.command;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.cluster.Readiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "logs", description = "Show a node's log.")
public class LogsCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "NODE")
	String node;

	@Option(names = { "-n", "--lines" }, defaultValue = "100", description = "Lines from the end, default ${DEFAULT-VALUE}")
	int lines;

	@Option(names = { "-f", "--follow" }, description = "Keep printing new lines")
	boolean follow;

	@Override
	public void run() {
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println);
		NodeRecord record = Options.node(spec, cluster.state(), node);
		Path log = Path.of(record.log());
		System.out.println(Readiness.tail(log, lines));
		if (follow) {
			follow(log);
		}
	}

	private static void follow(Path log) {
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long position = file.length();
			while (!Thread.currentThread().isInterrupted()) {
				if (file.length() > position) {
					file.seek(position);
					byte[] chunk = new byte[(int) (file.length() - position)];
					file.readFully(chunk);
					System.out.print(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
					position += chunk.length;
				}
				Thread.sleep(300);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
