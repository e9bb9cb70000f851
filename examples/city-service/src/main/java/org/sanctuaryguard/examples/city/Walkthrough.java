package org.sanctuaryguard.examples.city;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the demonstration against a running city service: the requests that reach a shelter agency
 * in a week, from its own caseworker to ICE, each printed with the guard's decision: what was
 * released, withheld or sent to counsel, by which rule of which law, and what must follow. It
 * prints the names of the fields that were released, never a value.
 *
 * <pre>java -cp city-service.jar -Dloader.main=org.sanctuaryguard.examples.city.Walkthrough \
 *     org.springframework.boot.loader.launch.PropertiesLauncher http://127.0.0.1:8080</pre>
 *
 * <p>The API keys and logins are the demonstration's (README.md). Not thread-safe: one run at a time.
 *
 * @since 0.1.0
 */
public final class Walkthrough {

  /**
   * One step of the walk-through, as played.
   *
   * @param title what happens, in a sentence
   * @param request the HTTP request that carried it, and who sent it
   * @param expected the outcome the shipped packs give it
   * @param status the HTTP status of the answer
   * @param body the answer
   * @param decision the decision, in the shape of {@link DecisionView}, as staff read it back
   * @since 0.1.0
   */
  public record Step(String title, String request, String expected, int status, JsonNode body, JsonNode decision) {

    /** Returns the outcome decided. */
    public String outcome() {
      return decision.path("outcome").asString();
    }
  }

  /** The case number of the document counsel registers for CBP's warrant. */
  static final String WARRANT = "26-MJ-4471";
  /** An id no resident of the example has. */
  static final String NOBODY = "C-9999";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int WIDTH = 100;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));

  /**
   * Prepares a walk-through of the service at {@code base}.
   *
   * @param base the service's address, for example {@code http://127.0.0.1:8080}
   */
  public Walkthrough(URI base) {
    this.base = base;
  }

  /**
   * Plays the walk-through against the service at the address given (by default
   * {@code http://127.0.0.1:8080}) and prints it; exits with 1 if a decision differs from the one
   * the shipped packs give.
   *
   * @param args the service's address, optionally
   */
  public static void main(String[] args) {
    Walkthrough walkthrough = new Walkthrough(URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080"));
    List<Step> steps = new ArrayList<>();
    for (Supplier<Step> step : walkthrough.steps()) {
      Step played = step.get();
      steps.add(played);
      print(steps.size(), played, System.out);
    }
    System.exit(summary(steps, System.out) ? 0 : 1);
  }

  /** Returns the steps, in order; each is played when asked for. */
  public List<Supplier<Step>> steps() {
    return List.of(this::caseworker, this::nypd, this::iceAtTheDoor, this::hsiByEmail, this::dataBroker,
        this::cbpWithWarrant, this::statusOnly, this::saveCheck, this::tipLine, this::nobodyByThatId);
  }

  Step caseworker() {
    return get("A caseworker opens a client's file to deliver a service", "allow",
        "caseworker (city staff), purpose service-delivery", "/residents/C-1001",
        "Authorization", basic("caseworker"), "Sanctuary-Guard-Purpose", "service-delivery");
  }

  Step nypd() {
    return get("NYPD asks for a resident's record 'to deliver services': status withheld (EO 41)", "allow-redacted",
        "NYPD (API key), purpose service-delivery", "/residents/C-1002",
        "X-API-Key", "demo-key-nypd", "Sanctuary-Guard-Purpose", "service-delivery");
  }

  Step iceAtTheDoor() {
    return intake("ICE ERO at the shelter's door with an I-200 administrative warrant", "deny", """
        {"channel": "door", "agency": "ice-ero",
         "officer": {"name": "Deportation Officer K. Lindqvist", "badge": "ERO-4471"},
         "purpose": "civil-immigration-enforcement", "residents": ["C-1001"],
         "categories": ["location.shelter", "location.home-address"],
         "document": {"type": "administrative-warrant", "form": "I-200",
           "issuer": "U.S. Department of Homeland Security",
           "signer": {"name": "Supervisory Deportation Officer K. Lindqvist", "role": "immigration-officer"},
           "issued": "%s", "residents": ["C-1001"]}}
        """.formatted(today.minusDays(3)));
  }

  Step hsiByEmail() {
    return intake("HSI e-mails about a 'money-laundering investigation' and asks for a sealed arrest record",
        "deny", """
        {"channel": "email", "agency": "t.mulgrew@hsi.dhs.gov",
         "officer": {"name": "Special Agent T. Mulgrew"},
         "purpose": "criminal-investigation", "residents": ["C-1003"],
         "categories": ["justice.sealed-record", "location.home-address"]}
        """);
  }

  Step dataBroker() {
    return get("A data broker asks for the list of every resident", "deny",
        "LexisNexis Risk Solutions (API key)", "/residents", "X-API-Key", "demo-key-data-broker");
  }

  Step cbpWithWarrant() {
    send(post("/documents", """
        {"id": "%s", "presentedBy": "cbp", "document": {"type": "judicial-warrant",
          "issuer": "United States District Court for the Eastern District of New York",
          "signer": {"name": "Hon. Miriam Okafor", "role": "article-iii-judge"},
          "issued": "%s", "expires": "%s", "docket": "%s",
          "residents": ["C-1004"], "categories": ["identity.name", "location.home-address"],
          "verified": true, "verifiedBy": "Agency counsel, by call to the EDNY clerk"}}
        """.formatted(WARRANT, today.minusDays(2), today.plusDays(12), WARRANT), "Authorization", basic("counsel")));
    return get("CBP with an Article III judge's warrant that counsel verified: what the warrant covers, no more",
        "allow-redacted", "CBP (API key), warrant " + WARRANT + " registered by counsel", "/residents/C-1004/contact",
        "X-API-Key", "demo-key-cbp", "Sanctuary-Guard-Purpose", "criminal-investigation",
        "Sanctuary-Guard-Basis", WARRANT);
  }

  Step statusOnly() {
    return get("ICE ERO asks only for a resident's immigration status (8 U.S.C. § 1373): counsel decides", "escalate",
        "ICE ERO (API key), purpose civil-immigration-enforcement", "/residents/C-1001/status",
        "X-API-Key", "demo-key-ice-ero", "Sanctuary-Guard-Purpose", "civil-immigration-enforcement");
  }

  Step saveCheck() {
    return call("The caseworker runs the city's own SAVE status check for a rental-assistance applicant",
        "allow-redacted", "POST /residents/C-1005/save-verification as caseworker, to the SAVE service on 127.0.0.1",
        post("/residents/C-1005/save-verification", "", "Authorization", basic("caseworker")));
  }

  Step tipLine() {
    return call("Someone tries to forward a resident's record to the ICE tip line: refused before a byte leaves",
        "escalate", "POST /residents/C-1003/referrals/ice-tip-line as caseworker, to www.ice.gov",
        post("/residents/C-1003/referrals/ice-tip-line", "", "Authorization", basic("caseworker")));
  }

  Step nobodyByThatId() {
    return get("ICE ERO asks for someone the city has no record of: the same refusal as for a resident",
        "escalate", "ICE ERO (API key), purpose civil-immigration-enforcement", "/residents/" + NOBODY,
        "X-API-Key", "demo-key-ice-ero", "Sanctuary-Guard-Purpose", "civil-immigration-enforcement");
  }

  private Step intake(String title, String expected, String form) {
    JsonNode fields = JSON.readTree(form);
    return call(title, expected, "POST /intake as caseworker: " + fields.path("channel").asString()
        + ", " + fields.path("agency").asString(), post("/intake", form, "Authorization", basic("caseworker")));
  }

  /** A request a partner or staff member makes of the records; the adapter decides its answer. */
  private Step get(String title, String expected, String who, String path, String... headers) {
    HttpResponse<String> response = send(request(path, headers).GET().build());
    JsonNode body = JSON.readTree(response.body());
    String eventId = response.statusCode() == 403 ? body.path("auditEventId").asString()
        : response.headers().firstValue(RecentDecisions.HEADER).orElse("");
    JsonNode decision = JSON.readTree(send(request("/decisions/" + eventId, "Authorization", basic("caseworker")).GET().build()).body());
    return new Step(title, "GET " + path + " by " + who, expected, response.statusCode(), body, decision);
  }

  private Step call(String title, String expected, String request, HttpRequest call) {
    HttpResponse<String> response = send(call);
    JsonNode body = JSON.readTree(response.body());
    return new Step(title, request, expected, response.statusCode(), body, body.path("decision"));
  }

  private HttpRequest post(String path, String json, String... headers) {
    return request(path, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the city service at " + base + " did not answer " + request.uri().getPath(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The demonstration's staff logins: user name, and the password {@code <name>-demo}. */
  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
  }

  /** Prints a step: a heading, what was asked and answered, and the decision. */
  static void print(int number, Step step, PrintStream out) {
    JsonNode decision = step.decision();
    out.println();
    out.println(fit(number + ". " + step.title()));
    out.println("   " + fit(step.request()));
    line(out, "answer", answer(step));
    out.println("   outcome    " + step.outcome().toUpperCase(java.util.Locale.ROOT) + ": "
        + decision.path("summary").asString());
    line(out, "released", keys(decision.path("released")));
    line(out, "withheld", keys(decision.path("withheld")));
    if (!decision.path("escalated").isEmpty()) {
      line(out, "to counsel", keys(decision.path("escalated")));
    }
    String label = "why";
    for (JsonNode reason : decision.path("reasons")) {
      String citation = reason.path("citation").isString() ? "  " + reason.path("citation").asString() : "";
      line(out, label, reason.path("rule").asString() + citation);
      label = "";
      if (reason.path("effect").isString() && !reason.path("details").isEmpty()) {
        String detail = reason.path("details").get(0).asString();
        line(out, "", "  \u2192 " + (detail.contains(";") ? detail.substring(0, detail.indexOf(';')) : detail));
      }
    }
    label = "to do";
    for (JsonNode obligation : decision.path("obligations")) {
      String due = obligation.path("due").isString() ? " (by " + obligation.path("due").asString() + ")" : "";
      line(out, label, obligation.path("obligation").asString() + ": " + obligation.path("whatToDo").asString() + due);
      label = "";
    }
    line(out, "audit", decision.path("auditEventId").asString());
  }

  /** Prints a table of the steps and says whether each decision is the one the packs give; true if all are. */
  static boolean summary(List<Step> steps, PrintStream out) {
    out.println();
    out.println("Summary");
    boolean all = true;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean expected = step.expected().equals(step.outcome());
      all &= expected;
      out.println(fit(String.format("  %2d  %-15s %s", i + 1, step.outcome(), step.title()))
          + (expected ? "" : "  << expected " + step.expected()));
    }
    return all;
  }

  private static String answer(Step step) {
    JsonNode body = step.body();
    if (step.status() == 403) {
      return "403 " + body.path("title").asString() + (body.path("sent").isBoolean() ? ": nothing was sent" : "");
    }
    if (body.has("release")) {
      return step.status() + (body.path("release").isEmpty() ? ", nothing to hand over"
          : ", the records to hand over hold " + fields(body.path("release")));
    }
    if (body.has("answer")) {
      return step.status() + ", SAVE answered '" + body.path("answer").path("initialResponse").asString() + "'";
    }
    return step.status() + " with " + fields(body);
  }

  private static String fields(JsonNode records) {
    JsonNode first = records.isArray() ? records.path(0) : records;
    return first.isMissingNode() ? "nothing" : String.join(", ", first.propertyNames());
  }

  private static String keys(JsonNode categories) {
    List<String> keys = new ArrayList<>();
    categories.forEach(category -> keys.add(category.path("category").asString()));
    return keys.isEmpty() ? "-" : String.join(", ", keys);
  }

  /** Prints a labelled line, wrapped at word boundaries under its text. */
  private static void line(PrintStream out, String label, String text) {
    String indent = " ".repeat(14);
    StringBuilder row = new StringBuilder(String.format("   %-10s", label));
    for (String word : text.split(" ")) {
      if (row.length() + 1 + word.length() > WIDTH && row.length() > indent.length()) {
        out.println(row);
        row = new StringBuilder(indent.substring(1));
      }
      row.append(' ').append(word);
    }
    out.println(row);
  }

  private static String fit(String text) {
    return text.length() <= WIDTH ? text : text.substring(0, WIDTH - 1) + "…";
  }
}
