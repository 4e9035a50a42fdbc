package io.damselfly.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository explains itself: every relative link of its Markdown files resolves inside it (anchors
 * included), every {@code docs/...md#anchor} a source file cites exists, and nothing points at a design
 * document outside the repository.
 */
class DocumentationTests {

	/** A path under docs/ that a source comment or a page cites, with its optional anchor. */
	private static final Pattern CITED_DOC = Pattern.compile("(?<![\\w./-])docs/\\w[\\w./-]*?\\.md(?:#[\\w-]+)?");

	/** Built from parts, so this file does not cite what it forbids. */
	private static final List<String> OLD_DESIGN = List.of("DESIGN" + " §", "DESIGN" + ".md", ".." + "/shared",
			"/work/" + "shared");

	private final Path root = RepositoryFiles.root();

	@Test
	void everyRelativeLinkInTheMarkdownFilesResolvesInsideTheRepository() {
		MarkdownLinks links = new MarkdownLinks(root);
		List<Path> pages = RepositoryFiles.markdownFiles(root);
		assertThat(pages).contains(root.resolve("README.md"), root.resolve("docs/architecture.md"),
				root.resolve("docs/operations.md"));
		List<String> broken = new ArrayList<>();
		pages.forEach((page) -> broken.addAll(links.check(page)));
		assertThat(broken).as("broken links (file:line: target: why)").isEmpty();
	}

	@Test
	void everyCitedDocumentationAnchorExists() {
		MarkdownLinks links = new MarkdownLinks(root);
		List<String> broken = new ArrayList<>();
		int cited = 0;
		for (Path file : RepositoryFiles.textFiles(root)) {
			List<String> lines = lines(file);
			for (int i = 0; i < lines.size(); i++) {
				Matcher m = CITED_DOC.matcher(lines.get(i));
				while (m.find()) {
					cited++;
					// Cited from the root, as a reader of any file in the tree would look it up.
					for (String why : links.checkTarget(root.resolve("README.md"), m.group())) {
						broken.add(root.relativize(file) + ":" + (i + 1) + ": " + why);
					}
				}
			}
		}
		assertThat(cited).as("citations of docs/ found").isGreaterThan(20);
		assertThat(broken).as("citations of docs/ that do not resolve").isEmpty();
	}

	@Test
	void noFileCitesTheOldDesignDocument() {
		List<String> citing = new ArrayList<>();
		for (Path file : RepositoryFiles.textFiles(root)) {
			List<String> lines = lines(file);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (OLD_DESIGN.stream().anyMatch(line::contains)) {
					citing.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
				}
			}
		}
		assertThat(citing).as("cite docs/architecture.md#<section> instead").isEmpty();
	}

	@Test
	void danglingLinksAndAnchorsAreReported(@TempDir Path repo) throws IOException {
		write(repo.resolve("guide/page.md"), """
				# Page
				## Failure detection and ejection
				[ok](../README.md) [ok anchor](#failure-detection-and-ejection) [ok other](../README.md#top-level)
				[gone](missing.md) [bad anchor](#scheduling) [away](../../outside.md)
				[line](../Main.java#L3) [not a line](../Main.java#main)
				```
				[in a fence](nowhere.md)
				```
				`[in a code span](nowhere.md)` [web](https://example.com/x.md)
				[ref]: ./nothing-here.md
				""");
		write(repo.resolve("README.md"), "Top level\n=========\n");
		write(repo.resolve("Main.java"), "class Main {}\n");
		List<String> problems = new MarkdownLinks(repo).check(repo.resolve("guide/page.md"));
		assertThat(problems).containsExactly("guide/page.md:4: missing.md: no such file guide/missing.md",
				"guide/page.md:4: #scheduling: no heading or anchor #scheduling in guide/page.md",
				"guide/page.md:4: ../../outside.md: leaves the repository",
				"guide/page.md:5: ../Main.java#main: #main is not a line anchor of a file that is not Markdown",
				"guide/page.md:10: ./nothing-here.md: no such file guide/nothing-here.md");
	}

	@Test
	void headingSlugsFollowGitHub() {
		assertThat(MarkdownLinks.slug("Ports, names and configuration")).isEqualTo("ports-names-and-configuration");
		assertThat(MarkdownLinks.slug("The `damselfly.*` settings")).isEqualTo("the-damselfly-settings");
		assertThat(MarkdownLinks.slug("A download went to the origin: how do I find out why?"))
			.isEqualTo("a-download-went-to-the-origin-how-do-i-find-out-why");
		assertThat(MarkdownLinks.slug("[Links](x.md) and **bold** and snake_case"))
			.isEqualTo("links-and-bold-and-snake_case");
		assertThat(MarkdownLinks.slug("Scheduler → hosts")).isEqualTo("scheduler--hosts");
	}

	@Test
	void repeatedHeadingsGetNumberedSlugs(@TempDir Path repo) throws IOException {
		write(repo.resolve("a.md"), "# Figures\n\n## Figures\n\n```\n# Figures\n```\n\n<a id=\"custom\"></a>\n");
		assertThat(MarkdownLinks.anchorsOf(repo.resolve("a.md"))).containsExactly("figures", "figures-1", "custom");
	}

	private static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			// A text file that is not UTF-8 cannot cite anything readable.
			if (ex instanceof java.nio.charset.MalformedInputException) {
				return List.of();
			}
			throw new UncheckedIOException(ex);
		}
	}

}
