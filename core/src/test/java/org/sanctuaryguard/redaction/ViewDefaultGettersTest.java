package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * A view's default getter runs on the copy, and what it returns is redacted to the decision: one
 * that looks a resident up elsewhere gets the record without what the decision withheld.
 */
class ViewDefaultGettersTest {

  private final Guards guards = new Guards();

  public record Person(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {}

  /** The people a projection's default getter looks up by the client id it holds. */
  static final Map<String, Person> DIRECTORY = Map.of("C-7", new Person("C-7", "Rosa Diaz", "TPS-SECRET"));

  /** A projection whose person is found by a default getter, as a computed property. */
  public interface CaseSummary {
    String getClientId();

    default Person getPerson() {
      return DIRECTORY.get(getClientId());
    }
  }

  @Test
  void aDefaultGetterOfTheCopyAnswersWhatWasDecidedNotWhatItLooksUpAgain() {
    CaseSummary view = (CaseSummary) Proxy.newProxyInstance(CaseSummary.class.getClassLoader(),
        new Class<?>[] {CaseSummary.class}, (self, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(self, method, args);
          }
          return switch (method.getName()) {
            case "getClientId" -> "C-7";
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> "CaseSummary";
          };
        });
    assertThat(view.getPerson().status()).isNotNull();

    Release<CaseSummary> release = guards.guard.release(view, guards.hiding("hide-status"));

    assertThat(release.decision().orElseThrow().withheld().toString()).contains("immigration.status");
    String written = JsonMapper.builder().build().writeValueAsString(release.value());
    assertThat(release.copy().getPerson().status()).as("the status the decision withheld").isNull();
    assertThat(written).doesNotContain(view.getPerson().status());
  }
}
