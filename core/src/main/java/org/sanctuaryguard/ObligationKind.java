package org.sanctuaryguard;

/**
 * A duty that a decision puts on the holder. Each constant has a stable lower-case identifier, {@link #id()}, that
 * configuration, packs, scenario files and guard events use.
 *
 * @since 0.1.0
 */
public enum ObligationKind {
  /** Record the request and the response. */
  LOG_REQUEST,

  /** Include the request in the periodic report. */
  REPORT_PERIODIC,

  /** Tell the data subject of the request. */
  NOTIFY_SUBJECT,

  /** Tell the agency privacy officer. */
  NOTIFY_PRIVACY_OFFICER,

  /** Tell the chief privacy officer. */
  NOTIFY_CHIEF_PRIVACY_OFFICER,

  /** Obtain the recipient's certification before release. */
  REQUIRE_RECIPIENT_CERTIFICATION,

  /** Refer the request to counsel. */
  ESCALATE_TO_COUNSEL,

  /** Keep a copy of the document presented. */
  CAPTURE_DOCUMENTS,

  /** Review the disclosure as a possible breach. */
  BREACH_REVIEW,

  /** Release nothing but citizenship or immigration status. */
  STRIP_NON_STATUS_FIELDS;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "log-request"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the constant with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the constant
   * @throws UnknownIdentifierException if no constant has that identifier
   */
  public static ObligationKind of(String id) {
    return Ids.parse(values(), ObligationKind::id, "obligation", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
