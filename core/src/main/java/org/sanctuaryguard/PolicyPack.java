package org.sanctuaryguard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sanctuaryguard.internal.io.CappedFiles;

/**
 * The rules of one jurisdiction's law, as data: a versioned JSON file that a privacy officer can
 * read, diff and write, in which every rule cites the provision it encodes. Packs compose into a
 * {@link Policy}, where the strictest wins and obligations add up.
 *
 * <p>Three packs ship with the library: {@code nyc} (New York City), {@code new-york-state} and
 * {@code federal}. A city writes its own in the same format and loads it with {@link #load(Path)};
 * the format is documented in {@code docs/pack-format.md}. A pack is validated when it is read, and
 * every problem is reported at once, naming the file, the rule and the field.
 *
 * <p>Packs are research for software design, not legal advice: counsel reviews a pack before a
 * city relies on it. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PolicyPack {

  /** The version of the pack file format this library reads. */
  public static final int FORMAT = 1;

  /** The largest pack file read, in bytes: the built-in packs are 7 to 21 KB. */
  static final int LARGEST_FILE = 16 * 1024 * 1024;

  private static final List<String> BUILTIN = List.of("nyc", "new-york-state", "federal");

  private final String id;
  private final String version;
  private final String title;
  private final String jurisdiction;
  private final ZoneId timeZone;
  private final String summary;
  private final String source;
  private final Map<String, String> facts;
  private final Map<String, String> categories;
  private final List<Recipient> recipients;
  private final List<Rule> rules;

  PolicyPack(
      String id,
      String version,
      String title,
      String jurisdiction,
      ZoneId timeZone,
      String summary,
      String source,
      Map<String, String> facts,
      Map<String, String> categories,
      List<Recipient> recipients,
      List<Rule> rules) {
    this.id = id;
    this.version = version;
    this.title = title;
    this.jurisdiction = jurisdiction;
    this.timeZone = timeZone;
    this.summary = summary;
    this.source = source;
    this.facts = Map.copyOf(facts);
    this.categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
    this.recipients = List.copyOf(recipients);
    this.rules = List.copyOf(rules);
  }

  /**
   * Returns a pack that ships with the library.
   *
   * @param id {@code "nyc"}, {@code "new-york-state"} or {@code "federal"}
   * @return the pack
   * @throws UnknownIdentifierException if no pack has that id
   */
  public static PolicyPack builtin(String id) {
    Objects.requireNonNull(id, "id");
    if (!BUILTIN.contains(id)) {
      throw new UnknownIdentifierException("pack", id, BUILTIN);
    }
    String resource = "/META-INF/sanctuary-guard/packs/" + id + ".json";
    try (InputStream in = PolicyPack.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SanctuaryGuardException("the library jar lacks its pack resource " + resource);
      }
      return read(id + ".json (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in pack " + id, e);
    }
  }

  /** Returns the ids of the packs that ship with the library. */
  public static List<String> builtinIds() {
    return BUILTIN;
  }

  /**
   * Reads a pack file.
   *
   * @param file a pack file in the format of {@link #FORMAT}
   * @return the pack
   * @throws PolicyFormatException naming every problem, if the pack is not valid
   * @throws SanctuaryGuardException if the file cannot be read
   */
  public static PolicyPack load(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(CappedFiles.read(file, LARGEST_FILE)))
          .toString();
    } catch (CappedFiles.TooLargeException e) {
      throw new SanctuaryGuardException("cannot read pack file " + file + ": the file is larger than "
          + LARGEST_FILE / (1024 * 1024) + " MiB, more than any pack file needs: is it a pack file?");
    } catch (IOException e) {
      throw new SanctuaryGuardException("cannot read pack file " + file + ": " + SanctuaryGuardException.describe(e), e);
    }
    return read(file.toString(), text);
  }

  /**
   * Reads a pack from text.
   *
   * @param source a name for the text in messages, for example a file name
   * @param json the pack
   * @return the pack
   * @throws PolicyFormatException naming every problem, if the pack is not valid
   */
  public static PolicyPack read(String source, String json) {
    return PackReader.read(Objects.requireNonNull(source, "source"), Objects.requireNonNull(json, "json"));
  }

  /** Returns the pack's id, for example {@code "nyc"}. */
  public String id() {
    return id;
  }

  /** Returns the pack's version, for example {@code "2026.11.0"}. */
  public String version() {
    return version;
  }

  /** Returns the pack's title. */
  public String title() {
    return title;
  }

  /** Returns the jurisdiction whose law the pack encodes. */
  public String jurisdiction() {
    return jurisdiction;
  }

  /** Returns the time zone in which the pack reads dates, such as a warrant's expiry. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /** Returns the pack's summary, including its disclaimer. */
  public String summary() {
    return summary;
  }

  /** Returns where the pack was read from. */
  public String source() {
    return source;
  }

  /** Returns the facts the pack declares, with their descriptions. */
  public Map<String, String> facts() {
    return facts;
  }

  /** Returns the categories the pack adds to the taxonomy, with their descriptions. */
  public Map<String, String> categories() {
    return categories;
  }

  /**
   * Returns the recipients the pack adds to or overrides in the directory. A recipient's parent may
   * be one that another pack of the same policy adds: the policy checks it when it composes the
   * packs, and the loader refuses only a recipient that is its own ancestor through this pack and
   * the default directory.
   */
  public List<Recipient> recipients() {
    return recipients;
  }

  /** Returns the ids of the pack's rules, in order. */
  public List<String> ruleIds() {
    return rules.stream().map(Rule::id).toList();
  }

  /** Returns the facts the pack's rules read, standard or declared. */
  public Set<String> factsRead() {
    Set<String> read = new java.util.TreeSet<>();
    for (Rule rule : rules) {
      read.addAll(rule.when().facts().keySet());
      for (Rule.Alternative alternative : rule.unless()) {
        read.addAll(alternative.factsAll());
        read.addAll(alternative.factsAny());
      }
    }
    return read;
  }

  /** Renders the pack as a Markdown document: a table of its rules, their citations and notes. */
  public String explain() {
    return PackExplainer.explain(this);
  }

  List<Rule> rules() {
    return rules;
  }

  /** Returns {@code id@version}. */
  @Override
  public String toString() {
    return id + "@" + version;
  }
}
