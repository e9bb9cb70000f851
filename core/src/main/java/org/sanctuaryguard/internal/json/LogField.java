package org.sanctuaryguard.internal.json;

/**
 * The fields of guard log records, by their names in the log: those of guard events, which the
 * guard writes, and those the guard log adds (its chain, checkpoints, stream starts), which its
 * reader asks for. {@code docs/guard-log.md} documents them all.
 */
public enum LogField {
  TIMESTAMP("@timestamp", true),
  EVENT_ID("event.id", true),
  KIND("event.kind", true),
  ACTION("event.action", true),
  SEQUENCE("event.sequence", false),
  USER("user.id", true),
  SCHEMA("sanctuary.schema", true),
  STREAM("sanctuary.stream", false),
  PREVIOUS("sanctuary.chain.previous", false),
  HASH("sanctuary.chain.hash", false),
  KEY("sanctuary.checkpoint.key", false),
  SIGNATURE("sanctuary.checkpoint.signature", false),
  HEAD("sanctuary.checkpoint.head", false),
  EVENTS("sanctuary.checkpoint.events", false),
  CLOSING("sanctuary.checkpoint.closing", false),
  CONTINUES_STREAM("sanctuary.continues.stream", false),
  CONTINUES_SEQUENCE("sanctuary.continues.sequence", false),
  TORN("sanctuary.recovery.torn", false),
  FSYNC("sanctuary.fsync", false),
  MODE("sanctuary.mode", true),
  OUTCOME("sanctuary.outcome", true),
  RECIPIENT("sanctuary.recipient.id", true),
  RECIPIENT_NAME("sanctuary.recipient.name", true),
  RECIPIENT_CLASS("sanctuary.recipient.class", true),
  HOLDER("sanctuary.holder", true),
  PURPOSE("sanctuary.purpose", true),
  BASIS_TYPE("sanctuary.basis.type", true),
  BASIS_FORM("sanctuary.basis.form", true),
  BASIS_DOCKET("sanctuary.basis.docket", true),
  BASIS_DOCKET_PSEUDONYM("sanctuary.basis.docket.pseudonym", true),
  BASIS_ISSUER("sanctuary.basis.issuer", true),
  BASIS_VERIFIED("sanctuary.basis.verified", true),
  RELEASED("sanctuary.released", true),
  WITHHELD("sanctuary.withheld", true),
  ESCALATED("sanctuary.escalated", true),
  OBLIGATIONS("sanctuary.obligations", true),
  FULFILS("sanctuary.fulfils", true),
  OBLIGATION("sanctuary.obligation", true),
  FULFILLED_AT("sanctuary.fulfilled_at", true),
  GUARD("sanctuary.guard", true),
  BASIS_SIGNER_NAME("sanctuary.basis.signer.name", true),
  BASIS_SIGNER_PSEUDONYM("sanctuary.basis.signer.pseudonym", true),
  BASIS_SIGNER_ROLE("sanctuary.basis.signer.role", true),
  BASIS_CITATION("sanctuary.basis.citation", true),
  BASIS_VERIFIED_BY("sanctuary.basis.verified_by", true),
  RULES("sanctuary.rules", true),
  PACKS("sanctuary.packs", true),
  SUBJECTS("sanctuary.subjects", true),
  SUBJECT_COUNT("sanctuary.subject_count", true),
  BULK("sanctuary.bulk", true),
  FACTS("sanctuary.facts", true),
  REQUEST_TIME("sanctuary.request_time", true),
  FAILURE("sanctuary.failure", true),
  SUPERSEDES("sanctuary.supersedes", true);

  private final String key;
  private final boolean event;

  LogField(String key, boolean event) {
    this.key = key;
    this.event = event;
  }

  /** Returns the field's name in the log. */
  public String key() {
    return key;
  }

  /** Returns whether guard events carry the field (else the guard log adds it). */
  public boolean event() {
    return event;
  }
}
