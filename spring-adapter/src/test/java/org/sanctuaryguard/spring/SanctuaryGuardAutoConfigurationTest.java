package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition and property of {@link SanctuaryGuardAutoConfiguration}, with context runners. */
@ExtendWith(OutputCaptureExtension.class)
class SanctuaryGuardAutoConfigurationTest {

  private static final String CANARY = "CANARY-7F3A";

  /** A class that cannot be annotated, protected by properties. */
  public static class ClientDto {
    String clientNumber = "C-1";
    String homeAddress = CANARY;
  }

  record Tagged(@Protected("location.home-address") String homeAddress) {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class));

  @Test
  void contextWhenNothingIsConfiguredThenAGuardOfTheBuiltInPacksEnforcingForACityAgency() {
    runner.run(context -> {
      Guard guard = context.getBean(Guard.class);
      assertThat(guard.config().mode()).isEqualTo(Mode.ENFORCE);
      assertThat(guard.config().holder()).isEqualTo(Holder.CITY_AGENCY);
      assertThat(guard.config().maxRequestTimeSkew()).isEqualTo(java.time.Duration.ofMinutes(5));
      assertThat(guard.policy().packs()).extracting(PolicyPack::id).containsExactly("nyc", "new-york-state", "federal");
      assertThat(guard.config().auditSinks()).contains(AuditSink.slf4j());
      assertThat(context).hasSingleBean(LegalBasisRegistry.class).hasSingleBean(SanctuaryGuardModule.class);
    });
  }

  @Test
  void contextWhenDisabledThenNoGuardAndNoModule() {
    runner.withPropertyValues("sanctuary.guard.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(Guard.class).doesNotHaveBean(SanctuaryGuardModule.class).doesNotHaveBean(LegalBasisRegistry.class));
  }

  @Test
  void contextWhenTheApplicationDefinesItsOwnBeansThenTheAutoConfigurationBacksOff() {
    runner.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context.getBean(Guard.class)).isSameAs(context.getBean(OwnBeans.class).guard);
      assertThat(context.getBean(LegalBasisRegistry.class)).isSameAs(context.getBean(OwnBeans.class).registry);
      assertThat(context.getBean(SanctuaryGuardModule.class)).isSameAs(context.getBean(OwnBeans.class).module);
    });
  }

  @Test
  void contextWhenPropertiesAreSetThenTheGuardFollowsThem() {
    runner.withPropertyValues(
        "sanctuary.guard.mode=monitor",
        "sanctuary.guard.holder=motor-vehicles",
        "sanctuary.guard.max-request-time-skew=90s",
        "sanctuary.guard.packs=nyc",
        "sanctuary.guard.pack-files=classpath:packs/city-extras.json",
        "sanctuary.guard.recipients.nypd.hosts=records.nypd.example",
        "sanctuary.guard.recipients.hra.name=Human Resources Administration",
        "sanctuary.guard.recipients.hra.recipient-class=city-agency",
        "sanctuary.guard.recipients.hra.email-domains=hra.nyc.gov",
        "sanctuary.guard.protected-properties[0].type=" + ClientDto.class.getName(),
        "sanctuary.guard.protected-properties[0].property=homeAddress",
        "sanctuary.guard.protected-properties[0].categories=location.home-address",
        "sanctuary.guard.subject-ids[0].type=" + ClientDto.class.getName(),
        "sanctuary.guard.subject-ids[0].property=clientNumber").run(context -> {
          Guard guard = context.getBean(Guard.class);
          assertThat(guard.config().mode()).isEqualTo(Mode.MONITOR);
          assertThat(guard.config().holder()).isEqualTo(Holder.MOTOR_VEHICLES);
          assertThat(guard.config().maxRequestTimeSkew()).isEqualTo(java.time.Duration.ofSeconds(90));
          assertThat(guard.policy().packs()).extracting(PolicyPack::id).containsExactly("nyc", "city-extras");
          assertThat(guard.policy().directory().resolveHost("records.nypd.example").id()).isEqualTo("nypd");
          assertThat(guard.policy().directory().get("nypd").recipientClass()).isEqualTo(RecipientClass.LAW_ENFORCEMENT);
          assertThat(guard.policy().directory().resolveEmail("clerk@hra.nyc.gov").id()).isEqualTo("hra");
          assertThat(guard.protectedCategories(ClientDto.class, "homeAddress"))
              .extracting(category -> category.key()).containsExactly("location.home-address");
          assertThat(guard.request().payload(new ClientDto()).hasCategories()).isTrue();
        });
  }

  @Test
  void contextWhenCustomizersAndSinksAreBeansThenTheyShapeTheGuard() {
    runner.withUserConfiguration(Customizers.class).run(context -> {
      Guard guard = context.getBean(Guard.class);
      assertThat(guard.config().mode()).isEqualTo(Mode.MONITOR);
      assertThat(guard.policy().categories().find("housing.voucher")).isPresent();
      guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("housing.voucher").build());
      assertThat(context.getBean(Customizers.class).events).singleElement()
          .satisfies(event -> assertThat(event.fields()).containsEntry("sanctuary.released", List.of("housing.voucher")));
    });
  }

  @Test
  void contextWhenTheGuardLogIsConfiguredThenEventsAreWrittenSignedAndMirrored(@TempDir Path temp) throws IOException {
    Path key = temp.resolve("guard-log.key");
    SigningKeys.write(SigningKeys.generate(), key, temp.resolve("guard-log.pub"));
    Path directory = temp.resolve("log");
    Path mirror = temp.resolve("checkpoints.jsonl");
    runner.withPropertyValues(
        "sanctuary.guard.audit.file.directory=" + directory,
        "sanctuary.guard.audit.file.signing-key-file=" + key,
        "sanctuary.guard.audit.file.checkpoint-mirror=" + mirror,
        "sanctuary.guard.audit.file.fsync-every-events=1",
        "sanctuary.guard.audit.file.fsync-interval=10ms",
        "sanctuary.guard.audit.file.roll-at=10MB",
        "sanctuary.guard.audit.slf4j.enabled=false").run(context -> {
          Guard guard = context.getBean(Guard.class);
          assertThat(guard.config().auditSinks()).doesNotContain(AuditSink.slf4j());
          guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER).payload(new Tagged(CANARY)).build());
        });
    try (var files = Files.list(directory)) {
      String log = String.join("\n", files.map(SanctuaryGuardAutoConfigurationTest::read).toList());
      assertThat(log).contains("\"sanctuary.recipient.id\":\"nypd\"").contains("checkpoint").doesNotContain(CANARY);
    }
    assertThat(read(mirror)).contains("signature");
  }

  @Test
  void contextWhenACustomizerReplacesTheSinksThenTheCountsStillSeeEveryDecisionAndTheReplacedLogIsClosed(
      @TempDir Path temp) {
    List<GuardEvent> byHand = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("sanctuary.guard.audit.file.directory=" + temp)
        .withBean(GuardConfigCustomizer.class, () -> config -> config.auditSinks(byHand::add))
        .run(context -> {
          Guard guard = context.getBean(Guard.class);
          guard.decide(guard.request().recipient("nypd").purpose(Purpose.SERVICE_DELIVERY).categories("identity.name")
              .subjects("S-1").build());
          assertThat(byHand).hasSize(1);
          assertThat(context.getBean(DecisionTally.class).byOutcome().values().stream().mapToLong(Long::longValue).sum())
              .isOne();
          GuardLogSink.builder(temp).build().close(); // the directory is free: the replaced log was closed
        });
  }

  @Test
  void startWhenTheSwitchIsMistypedThenFailsNamingItWhereAsYesOrOnCountAsOn() {
    runner.withPropertyValues("sanctuary.guard.enabled=ture").run(context ->
        Startup.failedOn(context, "sanctuary.guard.enabled", "ture", "does not turn the guard off"));
    runner.withPropertyValues("sanctuary.guard.enabled=yes").run(context -> assertThat(context).hasSingleBean(Guard.class));
    runner.withPropertyValues("sanctuary.guard.enabled=off").run(context -> assertThat(context).doesNotHaveBean(Guard.class));
  }

  @Test
  void startWhenTheUnknownRecipientIsDefinedThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.recipients.unknown.name=Anyone",
        "sanctuary.guard.recipients.unknown.recipient-class=city-agency").run(context ->
        Startup.failedOn(context, "sanctuary.guard.recipients.unknown", "unknown", "it cannot be defined"));
  }

  @Test
  void startWhenTheRequestTimeSkewIsNotPositiveThenFailsNamingTheSettingAndItsValue() {
    runner.withPropertyValues("sanctuary.guard.max-request-time-skew=0s").run(context ->
        Startup.failedOn(context, "sanctuary.guard.max-request-time-skew", "PT0S",
            "maxRequestTimeSkew must be positive, but was PT0S"));
    runner.withPropertyValues("sanctuary.guard.max-request-time-skew=-5m").run(context ->
        Startup.failedOn(context, "sanctuary.guard.max-request-time-skew", "PT-5M", "must be positive"));
  }

  @Test
  void startWhenGuardLogSettingsAreWrongOrHaveNoLogThenFailsNamingTheSetting(@TempDir Path temp) throws IOException {
    Files.createDirectories(temp.resolve("log"));
    runner.withPropertyValues("sanctuary.guard.audit.file.signing-key-file=" + temp.resolve("guard-log.key"))
        .run(context -> Startup.failedOn(context, "sanctuary.guard.audit.file.signing-key-file",
            temp.resolve("guard-log.key"), "nothing would be signed"));
    runner.withPropertyValues("sanctuary.guard.audit.file.directory=" + temp.resolve("log"),
        "sanctuary.guard.audit.file.fsync-interval=0ms").run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.file.fsync-interval", "PT0S", "must be positive"));
    runner.withPropertyValues("sanctuary.guard.audit.file.directory=" + temp.resolve("log"),
        "sanctuary.guard.audit.file.checkpoint-mirror=" + temp.resolve("log").resolve("mirror.jsonl")).run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.file.checkpoint-mirror",
            temp.resolve("log").resolve("mirror.jsonl"), "outside the log directory"));
  }

  @Test
  void startWhenAPackIsUnknownThenFailsNamingThePropertyAndTheNearestPack() {
    runner.withPropertyValues("sanctuary.guard.packs=nyc,new-york-stat").run(context ->
        Startup.failedOn(context, "sanctuary.guard.packs[1]", "new-york-stat", "did you mean 'new-york-state'"));
  }

  @Test
  void startWhenAPackIsComposedTwiceThenFailsNamingTheSecond(@TempDir Path temp) throws IOException {
    runner.withPropertyValues("sanctuary.guard.packs=nyc,federal,nyc").run(context ->
        Startup.failedOn(context, "sanctuary.guard.packs[2]", "nyc", "named twice"));
    Path copy = temp.resolve("nyc-copy.json");
    try (var nyc = PolicyPack.class.getResourceAsStream("/META-INF/sanctuary-guard/packs/nyc.json")) {
      Files.write(copy, nyc.readAllBytes());
    }
    runner.withPropertyValues("sanctuary.guard.packs=nyc", "sanctuary.guard.pack-files=file:" + copy).run(context ->
        Startup.failedOn(context, "sanctuary.guard.pack-files[0]", "URL [file:" + copy + "]", "already composed"));
  }

  @Test
  void startWhenAPackFilesRecipientIsADivisionOfAnotherPacksThenItTakesItsAncestorsClass() {
    runner.withPropertyValues("sanctuary.guard.packs=nyc",
        "sanctuary.guard.pack-files=classpath:packs/city-units.json,classpath:packs/county.json",
        "sanctuary.guard.recipients.city-liaison-clerk.name=Clerk",
        "sanctuary.guard.recipients.city-liaison-clerk.recipient-class=city-agency",
        "sanctuary.guard.recipients.city-liaison-clerk.parent=city-liaison-desk").run(context -> {
          RecipientDirectory directory = context.getBean(Guard.class).policy().directory();
          assertThat(directory.resolveHost("desk.city.example").recipientClass())
              .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
          assertThat(directory.get("city-liaison-clerk").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
        });
    runner.withPropertyValues("sanctuary.guard.packs=nyc", "sanctuary.guard.pack-files=classpath:packs/city-units.json")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.pack-files[0]",
            "class path resource [packs/city-units.json]", "recipient 'city-liaison-desk': recipients[0].parent: parent"
                + " 'county-hsi-liaison' of recipient 'city-liaison-desk' is not in the directory"));
  }

  /**
   * Before, a pack recipient whose parent only sanctuary.guard.recipients defines failed start-up as
   * an unknown parent. Now it takes its parent's class; a parent that loops back still fails.
   */
  @Test
  void startWhenAPackFilesRecipientIsADivisionOfAPropertyRecipientThenItTakesItsClass() {
    runner.withPropertyValues("sanctuary.guard.packs=nyc", "sanctuary.guard.pack-files=classpath:packs/city-units.json",
        "sanctuary.guard.recipients.county-hsi-liaison.name=Liaison",
        "sanctuary.guard.recipients.county-hsi-liaison.recipient-class=immigration-enforcement").run(context -> {
          RecipientDirectory directory = context.getBean(Guard.class).policy().directory();
          assertThat(directory.resolveHost("desk.city.example").recipientClass())
              .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
        });
    runner.withPropertyValues("sanctuary.guard.packs=nyc", "sanctuary.guard.pack-files=classpath:packs/city-units.json",
        "sanctuary.guard.recipients.county-hsi-liaison.name=Liaison",
        "sanctuary.guard.recipients.county-hsi-liaison.recipient-class=other",
        "sanctuary.guard.recipients.county-hsi-liaison.parent=city-liaison-desk")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.pack-files[0]",
            "class path resource [packs/city-units.json]", "recipient 'city-liaison-desk': recipients[0].parent"));
  }

  /** A recipient that neither the directory, a pack nor the properties hold. */
  private static final Recipient LIAISON = Recipient.of("county-hsi-liaison", "Liaison",
      RecipientClass.IMMIGRATION_ENFORCEMENT);
  private static final Recipient CLERK = Recipient.of("county-clerk", "Clerk", RecipientClass.CITY_AGENCY);

  /**
   * The policy is composed once, with the recipients PolicyCustomizer beans add: before, the packs
   * were composed a first time without them, to check a pack's parents, and a parent only such a
   * bean adds failed start-up as unknown.
   */
  @Test
  void startWhenAPacksRecipientIsADivisionOfOneAPolicyCustomizerAddsThenItTakesItsClass() {
    ApplicationContextRunner cityUnits = runner.withPropertyValues("sanctuary.guard.packs=nyc",
        "sanctuary.guard.pack-files=classpath:packs/city-units.json");

    assertParentAddedInCode(cityUnits, "desk.city.example", "city-liaison-desk", "sanctuary.guard.pack-files[0]",
        "class path resource [packs/city-units.json]", "recipient 'city-liaison-desk': recipients[0].parent: parent"
            + " 'county-hsi-liaison' of recipient 'city-liaison-desk' is not in the directory");
    adding(cityUnits.withPropertyValues("sanctuary.guard.recipients.city-liaison-desk.recipient-class=other"), LIAISON)
        .run(context -> Startup.failedOn(context, "sanctuary.guard.recipients.city-liaison-desk", "city-liaison-desk",
            "'city-liaison-desk' descends from 'county-hsi-liaison', which neither the directory, a pack nor"
                + " sanctuary.guard.recipients holds"));
  }

  @Test
  void startWhenAPropertyRecipientIsADivisionOfOneAPolicyCustomizerAddsThenItTakesItsClass() {
    ApplicationContextRunner unit = runner.withPropertyValues(
        "sanctuary.guard.recipients.county-hsi-unit.name=Unit",
        "sanctuary.guard.recipients.county-hsi-unit.recipient-class=law-enforcement",
        "sanctuary.guard.recipients.county-hsi-unit.parent=county-hsi-liaison",
        "sanctuary.guard.recipients.county-hsi-unit.hosts=unit.county.example");

    assertParentAddedInCode(unit, "unit.county.example", "county-hsi-unit",
        "sanctuary.guard.recipients.county-hsi-unit.parent", "county-hsi-liaison", "the parent must be another"
            + " recipient of the directory, of a pack, of sanctuary.guard.recipients or of a PolicyCustomizer bean");
  }

  /** The runner with a PolicyCustomizer bean that adds the recipient. */
  private static ApplicationContextRunner adding(ApplicationContextRunner runner, Recipient recipient) {
    return runner.withBean(PolicyCustomizer.class, () -> policy -> policy.recipient(recipient));
  }

  /**
   * Asserts that, with a PolicyCustomizer bean that adds {@link #LIAISON}, the recipient that names
   * it as parent resolves the host and takes its class; and that with one that adds another, start-up
   * fails on the property.
   */
  private static void assertParentAddedInCode(ApplicationContextRunner runner, String host, String id,
      String property, Object value, String reason) {
    adding(runner, LIAISON).run(context -> {
      Recipient resolved = context.getBean(Guard.class).policy().directory().resolveHost(host);
      assertThat(resolved.id()).isEqualTo(id);
      assertThat(resolved.recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    });
    adding(runner, CLERK).run(context -> Startup.failedOn(context, property, value, reason));
  }

  @Test
  void startWhenAPackFileIsMissingThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.pack-files=file:/nonexistent/city.json").run(context ->
        Startup.failedOn(context, "sanctuary.guard.pack-files[0]", "URL [file:/nonexistent/city.json]", "does not exist"));
  }

  @Test
  void startWhenANewRecipientLacksAClassOrHasABadHostOrParentThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.recipients.hra.name=HRA").run(context ->
        Startup.failedOn(context, "sanctuary.guard.recipients.hra", "hra", "needs a name and a recipient-class"));
    runner.withPropertyValues("sanctuary.guard.recipients.nypd.hosts=not a host").run(context ->
        Startup.failedOn(context, "sanctuary.guard.recipients.nypd", "nypd", "'not a host'"));
    for (String parent : List.of("nyc-police", "nypd")) {
      runner.withPropertyValues("sanctuary.guard.recipients.nypd.parent=" + parent).run(context ->
          Startup.failedOn(context, "sanctuary.guard.recipients.nypd.parent", parent, "another recipient"));
    }
  }

  @Test
  void startWhenARecipientIsADivisionOfAnImmigrationAuthorityThenItTakesThatClass() {
    runner.withPropertyValues("sanctuary.guard.recipients.hsi-newark-gang-unit.name=HSI Newark gang unit",
        "sanctuary.guard.recipients.hsi-newark-gang-unit.recipient-class=law-enforcement",
        "sanctuary.guard.recipients.hsi-newark-gang-unit.parent=ice-hsi",
        "sanctuary.guard.recipients.hsi-newark-gang-unit.hosts=newark.hsi.ice.gov").run(context -> {
          RecipientDirectory directory = context.getBean(Guard.class).policy().directory();
          assertThat(directory.resolveHost("newark.hsi.ice.gov").id()).isEqualTo("hsi-newark-gang-unit");
          assertThat(directory.resolveHost("newark.hsi.ice.gov").recipientClass())
              .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
        });
    runner.withPropertyValues("sanctuary.guard.recipients.loop-a.name=A", "sanctuary.guard.recipients.loop-a.recipient-class=other",
        "sanctuary.guard.recipients.loop-a.parent=loop-b", "sanctuary.guard.recipients.loop-b.name=B",
        "sanctuary.guard.recipients.loop-b.recipient-class=other", "sanctuary.guard.recipients.loop-b.parent=loop-a")
        .run(context -> {
          Throwable cause = context.getStartupFailure();
          while (cause != null && !(cause instanceof org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException)) {
            cause = cause.getCause();
          }
          assertThat(cause).as("the failure names the recipients").isNotNull().hasMessageContaining("own ancestor");
        });
  }

  @Test
  void startWhenAPropertyWouldTakeRequestsOrCallsOutOfAnImmigrationClassThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.recipients.dhs.recipient-class=city-agency").run(context ->
        assertThat(Startup.failedOn(context, "sanctuary.guard.recipients.dhs.recipient-class", "city-agency",
            "immigration-enforcement in the directory").getReason()).contains("pack file"));
    runner.withPropertyValues("sanctuary.guard.recipients.hra.name=Human Resources Administration",
        "sanctuary.guard.recipients.hra.recipient-class=city-agency",
        "sanctuary.guard.recipients.hra.hosts=hra.nyc.gov, records.ice.gov").run(context ->
        assertThat(Startup.failedOn(context, "sanctuary.guard.recipients.hra.hosts", "records.ice.gov", "'ice'")
            .getReason()).contains("parent=ice"));
    runner.withPropertyValues("sanctuary.guard.recipients.hra.name=Human Resources Administration",
        "sanctuary.guard.recipients.hra.recipient-class=city-agency",
        "sanctuary.guard.recipients.hra.hosts=api.save.uscis.gov").run(context ->
        Startup.failedOn(context, "sanctuary.guard.recipients.hra.hosts", "api.save.uscis.gov",
            "'uscis-save' (benefits-verification)"));
    runner.withPropertyValues("sanctuary.guard.recipients.nypd.email-domains=nypd.org, liaison.hsi.dhs.gov").run(context ->
        Startup.failedOn(context, "sanctuary.guard.recipients.nypd.email-domains", "liaison.hsi.dhs.gov", "'ice-hsi'"));
  }

  @Test
  void startWhenAPropertyChangesTheClassOfARecipientOfTheDirectoryOtherwiseThenItStartsAndWarns(CapturedOutput output) {
    runner.withPropertyValues("sanctuary.guard.recipients.nypd.recipient-class=city-agency").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Guard.class).policy().directory().get("nypd").recipientClass())
          .isEqualTo(RecipientClass.CITY_AGENCY);
    });
    assertThat(output).contains("sanctuary.guard.recipients.nypd.recipient-class changes 'nypd' from law-enforcement"
        + " to city-agency");
  }

  @Test
  void startWhenAPropertyKeepsARecipientInAnImmigrationClassThenStarts() {
    runner.withPropertyValues("sanctuary.guard.recipients.ice-ero.recipient-class=city-agency",
        "sanctuary.guard.recipients.ice-ero.hosts=ero.ice.gov",
        "sanctuary.guard.recipients.hsi-tip-line.name=HSI tip line",
        "sanctuary.guard.recipients.hsi-tip-line.recipient-class=other",
        "sanctuary.guard.recipients.hsi-tip-line.parent=ice-hsi",
        "sanctuary.guard.recipients.hsi-tip-line.email-domains=tips.hsi.dhs.gov").run(context -> {
          RecipientDirectory directory = context.getBean(Guard.class).policy().directory();
          assertThat(directory.resolveHost("ero.ice.gov").id()).isEqualTo("ice-ero");
          assertThat(directory.resolveHost("ero.ice.gov").recipientClass())
              .as("a division of ICE keeps ICE's class").isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
          assertThat(directory.resolveEmail("someone@tips.hsi.dhs.gov").recipientClass())
              .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
        });
  }

  @Test
  void startWhenAProtectedClassPropertyOrCategoryDoesNotExistThenFailsNamingIt() {
    String type = "sanctuary.guard.protected-properties[0].type=";
    String property = "sanctuary.guard.protected-properties[0].property=";
    String categories = "sanctuary.guard.protected-properties[0].categories=";
    runner.withPropertyValues(type + "com.example.Missing", property + "homeAddress", categories + "location.home-address")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.protected-properties[0].type", "com.example.Missing",
            "no such class"));
    runner.withPropertyValues(type + ClientDto.class.getName(), property + "homeAdress", categories + "location.home-address")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.protected-properties[0].property", "homeAdress",
            "did you mean 'homeAddress'"));
    runner.withPropertyValues(type + ClientDto.class.getName(), property + "homeAddress", categories + "location.home-adress")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.protected-properties[0].categories[0]",
            "location.home-adress", "unknown category"));
    runner.withPropertyValues(type + ClientDto.class.getName(), property + "homeAddress", categories + "location.home-address",
        "sanctuary.guard.subject-ids[0].type=" + ClientDto.class.getName(), "sanctuary.guard.subject-ids[0].property=nope")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.subject-ids[0].property", "nope", "nope"));
  }

  @Test
  void startWhenAJdkClassIsRegisteredThenFailsNamingTheEntryAtFault() {
    runner.withPropertyValues(
        "sanctuary.guard.protected-properties[0].type=" + ClientDto.class.getName(),
        "sanctuary.guard.protected-properties[0].property=homeAddress",
        "sanctuary.guard.protected-properties[0].categories=location.home-address",
        "sanctuary.guard.protected-properties[1].type=java.lang.String",
        "sanctuary.guard.protected-properties[1].property=value",
        "sanctuary.guard.protected-properties[1].categories=identity.name")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.protected-properties[1].property", "value",
            "java.lang.String.value: is registered as protected, but the guard takes values of the JDK's classes"));
    runner.withPropertyValues("sanctuary.guard.subject-ids[0].type=java.util.Locale",
        "sanctuary.guard.subject-ids[0].property=country")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.subject-ids[0].property", "country",
            "java.util.Locale.country: is registered as the subject id"));
  }

  @Test
  void startWhenAKeyFileIsMissingOrWrongThenFailsNamingThePathButNeverTheKey(@TempDir Path temp) throws IOException {
    Path missing = temp.resolve("missing.key");
    runner.withPropertyValues("sanctuary.guard.audit.pseudonym-key-file=" + missing).run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.pseudonym-key-file", missing, "does not exist"));
    runner.withPropertyValues("sanctuary.guard.audit.pseudonym-key-file=" + temp).run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.pseudonym-key-file", temp, "is a directory"));
    Path shortKey = Files.writeString(temp.resolve("short.key"), CANARY);
    runner.withPropertyValues("sanctuary.guard.audit.pseudonym-key-file=" + shortKey).run(context -> assertThat(
        Startup.failedOn(context, "sanctuary.guard.audit.pseudonym-key-file", shortKey, "at least 32 bytes"))
        .hasMessageNotContaining(CANARY));
    runner.withPropertyValues("sanctuary.guard.audit.file.directory=" + temp.resolve("log"),
        "sanctuary.guard.audit.file.signing-key-file=" + missing).run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.file.signing-key-file", missing, "does not exist"));
    Path notAKey = Files.writeString(temp.resolve("not.key"), "-----BEGIN PRIVATE KEY-----\n" + CANARY + "\n");
    runner.withPropertyValues("sanctuary.guard.audit.file.directory=" + temp.resolve("log"),
        "sanctuary.guard.audit.file.signing-key-file=" + notAKey).run(context -> assertThat(
        Startup.failedOn(context, "sanctuary.guard.audit.file.signing-key-file", notAKey, "Ed25519 private key"))
        .hasMessageNotContaining(CANARY));
  }

  @Test
  void startWhenNoSinkWouldRecordDecisionsThenFails() {
    runner.withPropertyValues("sanctuary.guard.audit.slf4j.enabled=false").run(context ->
        Startup.failedOn(context, "sanctuary.guard.audit.slf4j.enabled", false, "recorded nowhere"));
  }

  @Test
  void startWhenAPropertyIsWrongThenSpringBootsFailureAnalysisNamesThePropertyAndTheValue(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Minimal.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(() -> application.run("--sanctuary.guard.holder=shelter", "--sanctuary.guard.packs=nycc"))
        .isInstanceOf(RuntimeException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Invalid value 'nycc' for configuration property 'sanctuary.guard.packs[0]'")
        .contains("did you mean 'nyc'");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(SanctuaryGuardAutoConfiguration.class)
  static class Minimal {
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    final Guard guard = Guard.of(GuardConfig.custom().policy(Policy.of(PolicyPack.builtin("federal"))).build());
    final LegalBasisRegistry registry = new LegalBasisRegistry(guard.policy().directory());
    final SanctuaryGuardModule module = new SanctuaryGuardModule(guard);

    @Bean
    Guard ownGuard() {
      return guard;
    }

    @Bean
    LegalBasisRegistry ownRegistry() {
      return registry;
    }

    @Bean
    SanctuaryGuardModule ownModule() {
      return module;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<GuardEvent> events = new CopyOnWriteArrayList<>();

    @Bean
    PolicyCustomizer housing() {
      return policy -> policy.category("housing", "Housing records").category("housing.voucher", "Voucher holders");
    }

    @Bean
    GuardConfigCustomizer monitor() {
      return config -> config.mode(Mode.MONITOR);
    }

    @Bean
    AuditSink keep() {
      return events::add;
    }
  }
}
