package org.sanctuaryguard.spring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;

/**
 * Opens explicit disclosures: the recipient, purpose and legal basis under which the calls of a
 * block are decided, for calls whose destination is that recipient. Outside such a block a call is
 * decided for the recipient its host resolves to, with the default purpose and no basis, so a call
 * to immigration enforcement is refused.
 *
 * <pre>{@code
 * try (Disclosure disclosure = disclosures.open(request -> request
 *     .recipient("nypd")
 *     .purpose(Purpose.CRIMINAL_INVESTIGATION)
 *     .basis(warrant))) {
 *   restClient.post().uri("https://records.nypd.org/requests/{id}", id).body(resident).retrieve().toBodilessEntity();
 *   disclosure.decisions(); // one decision per call, with its obligations and audit event id
 * }
 * }</pre>
 *
 * <p>The request set in the block is applied to each call: recipient (required, a directory id),
 * purpose (required), basis, facts, actor, and categories the calls disclose besides those of their
 * bodies. A disclosure belongs to the thread that opens it; {@code WebClient} requests built on that
 * thread inside the block carry it to the thread that sends them. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Disclosures {

  private static final ThreadLocal<Disclosure> CURRENT = new ThreadLocal<>();

  private final Guard guard;
  private final List<String> impliedCategories;

  Disclosures(Guard guard, List<String> impliedCategories) {
    this.guard = guard;
    this.impliedCategories = List.copyOf(impliedCategories);
  }

  /**
   * Opens a disclosure on the current thread, until it is closed.
   *
   * @param request sets the recipient, the purpose and whatever else applies to the block's calls
   * @return the disclosure, to be closed on this thread
   * @throws IllegalStateException if the request lacks a recipient or a purpose
   * @throws org.sanctuaryguard.UnknownIdentifierException if it names an unknown recipient,
   *     category or fact
   */
  public Disclosure open(Consumer<DisclosureRequest.Builder> request) {
    Objects.requireNonNull(request, "request");
    DisclosureRequest.Builder probe = guard.request();
    request.accept(probe);
    if (!probe.hasCategories()) {
      probe.categories(impliedCategories.toArray(String[]::new));
    }
    String recipient = probe.build().recipient().id();
    Disclosure disclosure = new Disclosure(recipient, request, current().orElse(null), Disclosures::restore);
    CURRENT.set(disclosure);
    return disclosure;
  }

  private static void restore(@Nullable Disclosure outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /**
   * Returns the innermost disclosure open on the current thread. One closed on another thread is
   * forgotten here, with any closed one it was opened in.
   */
  static Optional<Disclosure> current() {
    Disclosure held = CURRENT.get();
    Disclosure open = held;
    while (open != null && open.isClosed()) {
      open = open.outer();
    }
    if (open != held) {
      restore(open);
    }
    return Optional.ofNullable(open);
  }

  /**
   * Closes the disclosures opened on the current thread since the given one was innermost and left
   * open, so that none of them covers what the thread does next; used by the adapter around what it
   * does not control.
   *
   * @param before the innermost disclosure open before, or null
   * @return how many were left open
   */
  static int closeOpenedSince(@Nullable Disclosure before) {
    int left = 0;
    for (Disclosure open = current().orElse(null); open != null && open != before; open = current().orElse(null)) {
      open.close();
      left++;
    }
    return left;
  }

  @Override
  public String toString() {
    return "Disclosures[" + guard.id() + "]";
  }
}
