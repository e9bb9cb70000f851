package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * The rules of outbound calls, shared by the guarded clients: the destination's host resolves to a
 * recipient; a body with protected values is decided for it, refused unless the decision releases
 * something, and written redacted to it; a call to immigration enforcement or a channel adjacent to
 * it that no released decision covers is decided for what it implies, and refused unless released.
 * A refusal comes before what it refuses is written: for a body decided before the call, before the
 * client opens a connection; for a value decided as it is written (a {@code Mono.fromSupplier}, an
 * element of a stream, a multipart part) or a redirect's hop, before that value or hop is sent.
 * Thread-safe.
 */
final class OutboundGuard {

  /** The request attribute under which a call's body decision waits for the call to be sent. */
  static final String BODY_DECISION = OutboundGuard.class.getName() + ".body";
  /** The request attribute that says a guarded converter wrote a call's body, whether or not it needed a decision. */
  static final String GUARDED_WRITE = OutboundGuard.class.getName() + ".guardedWrite";
  /** The request attribute under which a WebClient request carries the disclosure it was built in. */
  static final String DISCLOSURE = Disclosure.class.getName();
  /** The request attribute under which a WebClient request carries the destination its filter judged. */
  static final String DESTINATION = OutboundGuard.class.getName() + ".destination";

  /** A body's decision and the recipient it was made for. */
  record BodyDecision(String recipient, Decision decision) {}

  private final Decisions decisions;
  private final Purpose defaultPurpose;
  private final String[] impliedCategories;
  private final @Nullable String actor;

  OutboundGuard(Decisions decisions, Purpose defaultPurpose, List<String> impliedCategories, @Nullable String actor) {
    this.decisions = decisions;
    this.defaultPurpose = defaultPurpose;
    this.impliedCategories = impliedCategories.toArray(String[]::new);
    this.actor = actor;
  }

  /** The disclosure a WebClient request carries in its attributes, or null. */
  static @Nullable Disclosure disclosureOf(Map<String, Object> attributes) {
    return attributes.get(DISCLOSURE) instanceof Disclosure found ? found : null;
  }

  /** The decision a guarded converter made for a call's body, which its request carries in its attributes, or null. */
  static @Nullable BodyDecision bodyDecisionOf(Map<String, Object> attributes) {
    return attributes.get(BODY_DECISION) instanceof BodyDecision found ? found : null;
  }

  Guard guard() {
    return decisions.guard();
  }

  /**
   * The recipient of a destination: the directory entry of its host, or an unknown recipient.
   *
   * @throws SanctuaryGuardException if the URI has no host that {@link URI} can read: an HTTP
   *     library may still find one in it (Apache's client turns {@code ｉｃｅ.gov} into {@code
   *     ice.gov}), so the call is not sent
   */
  Recipient recipient(URI destination) {
    String host = destination.getHost();
    if (host == null) {
      throw new SanctuaryGuardException("the call's URI has no host the guard can read (a host name with characters"
          + " a URI does not allow, say), so the guard cannot tell where it goes; it is not sent");
    }
    return guard().policy().directory().resolveHost(host);
  }

  /**
   * Decides a call's body before a byte of it is written.
   *
   * @return the decision, or null if the body holds no protected value (and the disclosure names no
   *     category)
   * @throws DisclosureRefusedException if the decision releases nothing
   */
  @Nullable BodyDecision decideBody(URI destination, Object body, @Nullable Disclosure disclosure) {
    if (!guard().mayHoldProtected(body.getClass())) {
      return null;
    }
    Recipient recipient = recipient(destination);
    Disclosure covering = covering(disclosure, recipient);
    DisclosureRequest.Builder request = request(recipient, covering).payload(body);
    if (!request.hasCategories()) {
      return null;
    }
    return new BodyDecision(recipient.id(), decide(request, covering));
  }

  /** Whether a value holds protected values, which a body needs a decision for. */
  boolean holdsProtected(Object value) {
    return guard().mayHoldProtected(value.getClass()) && guard().request().payload(value).hasCategories();
  }

  /**
   * What a writer of the application's, which may lack the guard's module, is given of a body
   * decided (see {@link Decisions#released}).
   */
  Object released(Object body, Decision decision) {
    return decisions.released(body, decision);
  }

  /**
   * Checks a call just before it is sent.
   *
   * @param body the decision of its body, or null if none was needed
   * @return the destination's recipient, which the call was checked for
   * @throws DisclosureRefusedException if the call goes to immigration enforcement or a channel
   *     adjacent to it and no decision releases it
   * @throws SanctuaryGuardException if the destination changed (a redirect, say) after the body was
   *     written for another recipient
   */
  Recipient beforeSend(URI destination, @Nullable BodyDecision body, @Nullable Disclosure disclosure) {
    Recipient recipient = recipient(destination);
    if (body != null) {
      return sameRecipient(recipient, body.recipient(), "(redirected, or its URI changed) after its body was written"
          + " for the former");
    }
    RecipientClass recipientClass = recipient.recipientClass();
    if (recipientClass != RecipientClass.IMMIGRATION_ENFORCEMENT && recipientClass != RecipientClass.IMMIGRATION_ADJACENT) {
      return recipient;
    }
    Disclosure covering = covering(disclosure, recipient);
    DisclosureRequest.Builder request = request(recipient, covering);
    if (!request.hasCategories()) {
      request.categories(impliedCategories);
    }
    decide(request, covering);
    return recipient;
  }

  /**
   * Checks, where a call's connection is opened, that it goes to the recipient the guard checked it
   * for; a call the guard did not see is checked as one without a body.
   *
   * @param checked the id of the recipient the guard checked the call for, or null
   * @return the id of the recipient the call goes to
   * @throws SanctuaryGuardException if it goes to another recipient
   * @throws DisclosureRefusedException if the guard did not see it, it goes to immigration
   *     enforcement or a channel adjacent to it, and no decision releases it
   */
  String confirm(URI destination, @Nullable String checked) {
    if (checked == null) {
      return beforeSend(destination, null, null).id();
    }
    return sameRecipient(recipient(destination), checked, "after the guard checked it (an interceptor added after the"
        + " guard's?)").id();
  }

  /** Returns the recipient if it is the one expected; otherwise the call is not sent. */
  private static Recipient sameRecipient(Recipient recipient, String expected, String when) {
    if (!recipient.id().equals(expected)) {
      throw new SanctuaryGuardException("the call's destination changed from " + expected + " to " + recipient.id()
          + " " + when + "; it is not sent");
    }
    return recipient;
  }

  private Decision decide(DisclosureRequest.Builder request, @Nullable Disclosure covering) {
    Decision decision = decisions.decide(request.build(), Decisions.Direction.OUTBOUND);
    if (covering != null) {
      covering.record(decision);
    }
    if (!decision.permitsAny()) {
      throw new DisclosureRefusedException(decision);
    }
    return decision;
  }

  private DisclosureRequest.Builder request(Recipient recipient, @Nullable Disclosure covering) {
    DisclosureRequest.Builder request = guard().request();
    if (covering != null) {
      covering.applyTo(request);
      // the disclosure's request is the application's code, run again for each call: whatever recipient it names
      // now, the call is decided for the one it is sent to
      return request.recipient(recipient);
    }
    return request.recipient(recipient).purpose(defaultPurpose).actor(actor);
  }

  /**
   * The disclosure that covers a call to the recipient: the innermost open one to that recipient,
   * among the disclosure the call was made in and those it was opened in; or null.
   */
  private static @Nullable Disclosure covering(@Nullable Disclosure innermost, Recipient recipient) {
    for (Disclosure open = innermost; open != null; open = open.outer()) {
      if (!open.isClosed() && open.recipient().equals(recipient.id())) {
        return open;
      }
    }
    return null;
  }
}
