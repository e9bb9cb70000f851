package org.sanctuaryguard.examples.city;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request for residents' data that reached the agency by telephone, e-mail or at the door, as the
 * staff member who took it records it.
 *
 * @param channel how it arrived: {@code phone}, {@code email} or {@code door}
 * @param agency the requesting agency: its id in the directory ({@code ice-ero}, {@code nypd}...) or
 *     the e-mail address it wrote from, which the directory resolves by domain
 * @param officer who asked
 * @param purpose why, as the officer states it: {@code criminal-investigation}, {@code
 *     civil-immigration-enforcement}, {@code service-delivery}...
 * @param residents the case numbers asked about, or {@code *} for every resident
 * @param categories the data categories asked for ({@code location.home-address}...); none means the
 *     whole record
 * @param document the document presented, if any
 * @param facts facts the staff member knows and the guard cannot ({@code bulk}...)
 * @param holder the kind of agency whose records these are, when not this service's own (for
 *     example {@code motor-vehicles} for a copy of DMV records): it decides which laws apply
 * @since 0.1.0
 */
public record IntakeForm(
    @NotNull @Pattern(regexp = "phone|email|door", message = "must be phone, email or door") String channel,
    @NotBlank @Size(max = 100) String agency,
    @NotNull @Valid Officer officer,
    @NotBlank String purpose,
    @NotEmpty @Size(max = 100) List<@NotBlank String> residents,
    @Nullable List<@NotBlank String> categories,
    @Valid @Nullable DocumentForm document,
    @Nullable Map<String, Boolean> facts,
    @Nullable String holder) {

  /** Returns whether the residents are either {@code *} alone or case numbers. */
  @AssertTrue(message = "list case numbers, or '*' alone for every resident")
  public boolean isResidentsConsistent() {
    return residents == null || !residents.contains("*") || residents.size() == 1;
  }

  /**
   * Shows what was asked, and how many residents, but no case number and no officer's name: an
   * agency given as an e-mail address shows only its domain, since the rest may name the officer.
   */
  @Override
  public String toString() {
    int at = agency == null ? -1 : agency.lastIndexOf('@');
    String shownAgency = at < 0 ? agency : "*" + agency.substring(at);
    return "IntakeForm[channel=" + channel + ", agency=" + shownAgency + ", purpose=" + purpose + ", residents="
        + (residents == null ? 0 : residents.size()) + ", categories=" + categories + ", document=" + document
        + ", facts=" + facts + ", holder=" + holder + "]";
  }

  /** Returns whether every resident is asked about. */
  boolean everyResident() {
    return residents.equals(List.of("*"));
  }

  /**
   * The officer who asked.
   *
   * @param name the name the officer gave
   * @param badge the badge or identification number
   * @since 0.1.0
   */
  public record Officer(@NotBlank @Size(max = 100) String name, @Size(max = 32) @Nullable String badge) {}
}
