package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.std.SimpleBeanPropertyFilter;
import tools.jackson.databind.ser.std.SimpleFilterProvider;

/**
 * A service whose {@code JsonMapper} has property filters of the application's own: one that masks
 * what it writes of each value, which it reads through the writer Jackson gives it, the guard's
 * writer of a protected or computed property among them, past the guard; and one that only chooses
 * which properties are written, which leaves the guard's writers to write them.
 */
@CityServiceTest
@Import(PropertyFilterTest.Masking.class)
class PropertyFilterTest {

  /** A resident's card, written through the masking filter. */
  @JsonFilter("masking")
  public record Card(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {}

  /**
   * A case's folder: no protected property of its own, the resident's record, and a headline that
   * a getter with no field behind it computes from the record's status; written through the masking
   * filter.
   */
  @JsonFilter("masking")
  public record Folder(String caseId, Resident resident) {

    @JsonProperty("headline")
    public String headline() {
      return "case of a resident whose status is " + resident.status();
    }
  }

  /** A resident's badge, written through the filter that leaves out the office. */
  @JsonFilter("noOffice")
  public record Badge(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, String office) {}

  @RestController
  static class Cards {

    @GetMapping("/property-filter/cards/{id}")
    Card card(@PathVariable @SubjectId String id) {
      return new Card(Model.SUBJECT, Model.NAME, Model.STATUS);
    }

    @GetMapping("/property-filter/folders/{id}")
    Folder folder(@PathVariable @SubjectId String id) {
      return new Folder("K-7", Model.resident());
    }

    @GetMapping("/property-filter/badges/{id}")
    Badge badge(@PathVariable @SubjectId String id) {
      return new Badge(Model.SUBJECT, Model.NAME, Model.STATUS, "Canal St");
    }
  }

  /** Masks every value but its last four characters, as services mask identifiers they show. */
  static final class MaskingFilter extends SimpleBeanPropertyFilter {

    @Override
    public void serializeAsProperty(Object pojo, JsonGenerator generator, SerializationContext context,
        PropertyWriter writer) throws Exception {
      if (writer instanceof BeanPropertyWriter property && !"clientId".equals(writer.getName())) {
        Object value = property.get(pojo);
        if (value != null) {
          String text = value.toString();
          generator.writeStringProperty(writer.getName(), "***" + text.substring(Math.max(0, text.length() - 4)));
        }
        return;
      }
      writer.serializeAsProperty(pojo, generator, context);
    }
  }

  static class Masking {

    @Bean
    JsonMapperBuilderCustomizer masking() {
      return builder -> builder.filterProvider(new SimpleFilterProvider().addFilter("masking", new MaskingFilter())
          .addFilter("noOffice", new SimpleBeanPropertyFilter() {
            @Override
            protected boolean include(PropertyWriter writer) {
              return !"office".equals(writer.getName());
            }
          }));
    }

    @Bean
    Cards cards() {
      return new Cards();
    }
  }

  @LocalServerPort
  int port;

  @Test
  void getWhenAFilterOfTheApplicationsMayWriteValuesItselfThenRefusedToEveryoneWithoutAValue() {
    Http http = new Http(port);

    for (String path : new String[] {"/property-filter/cards/C-1001", "/property-filter/folders/C-1001"}) {
      for (String[] requester : new String[][] {Http.basic("caseworker"), Http.basic("detective")}) {
        HttpResponse<String> response = http.get(path, requester);

        // the filter would have written the last characters of the status to the police, whom the decision withholds it
        assertThat(response.statusCode()).as(path).isEqualTo(500);
        assertThat(response.body()).as(path).doesNotContain(Model.NAME, Model.STATUS,
            Model.NAME.substring(Model.NAME.length() - 4), Model.STATUS.substring(Model.STATUS.length() - 4));
      }
      Http.assertRefused(http.get(path, Decided.ICE), "escalate");
    }
  }

  @Test
  void getWhenAFilterOfTheApplicationsOnlyChoosesThePropertiesThenEachRequesterGetsWhatTheirDecisionReleases() {
    Http http = new Http(port);

    HttpResponse<String> staff = http.get("/property-filter/badges/C-1001", Http.basic("caseworker"));
    HttpResponse<String> police = http.get("/property-filter/badges/C-1001", Http.basic("detective"));

    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(staff.body()).contains(Model.NAME, Model.STATUS).doesNotContain("Canal St");
    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).contains(Model.NAME).doesNotContain(Model.STATUS, "Canal St");
  }
}
