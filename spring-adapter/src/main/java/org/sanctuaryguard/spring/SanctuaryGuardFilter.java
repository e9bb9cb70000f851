package org.sanctuaryguard.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.UnknownIdentifierException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Identifies who asks (through its {@link RequesterResolver}), why (a header) and on what basis
 * (through its {@link BasisResolver}), keeps it for the response with the application's {@link
 * FactsResolver}, if it declares one, keeps the response's headers for a refusal to carry alone
 * ({@link Problems#keepHeaders}), and opens the {@link DecisionScope} in which the response is
 * decided and written. A request that states an unknown purpose or basis is answered with 400 and a
 * problem that names what the request itself said ({@link UnknownIdentifierException}), and so is
 * one that repeats a header of the guard with different values (naming the header); any other
 * failure of a resolver is answered with 400 and a fixed text, since an application's resolver may
 * put anything in its messages.
 *
 * <p>Requests that no resolver identifies are from the staff recipient when a user is
 * authenticated, else from the default recipient, which is unknown unless configured otherwise.
 *
 * <p>A failure that leaves the request before the response was committed, after the guard decided
 * its body or its view's model (a view that fails to render, an exception handler whose body fails
 * to be written, which no exception resolver sees), has that decision withdrawn ({@link
 * Decisions#withdrawUnsent}). Such a failure, and one to decide the response (the application's
 * {@link FactsResolver} failed), leaves the response with only the headers the filter kept, as a
 * refusal does: the container's error page would otherwise carry a header a handler set from the
 * record.
 */
final class SanctuaryGuardFilter extends OncePerRequestFilter {

  private static final Log LOG = LogFactory.getLog(SanctuaryGuardFilter.class);
  /**
   * The loggers through which Spring writes bodies and handlers' return values (an asynchronous
   * handler's result too) at DEBUG or TRACE.
   */
  private static final List<String> SPRING_BODY_LOGS = List.of(
      "org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor",
      "org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor",
      "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod",
      "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter",
      "org.springframework.web.client.DefaultRestClient", "org.springframework.web.client.RestTemplate");
  private static final int LONGEST_ECHOED = 64;
  static final String UNRESOLVED = "who asks, why, or on what basis could not be told from the request";

  private final RequesterResolver requesterResolver;
  private BasisResolver basisResolver = (request, requester) -> LegalBasis.none();
  /** The application's resolver; null for the built-in one, which finds no facts and is never called. */
  private @Nullable FactsResolver factsResolver;
  private Recipient defaultRecipient = Recipient.unknown("an unidentified request");
  private Recipient staffRecipient = defaultRecipient;
  private Purpose defaultPurpose = Purpose.OTHER;
  private String purposeHeader = "Sanctuary-Guard-Purpose";
  private List<String> errorDetailsShown = List.of();
  /** Whether Spring's DispatcherServlet logs each request's parameters and headers, to warn of. */
  private boolean requestDetailsLogged;
  /** What withdraws the decision of a response that failed unsent; null withdraws nothing. */
  private @Nullable Decisions decisions;
  /** Whether the warnings of {@link #initFilterBean} were given. */
  private final AtomicBoolean warned = new AtomicBoolean();

  SanctuaryGuardFilter(RequesterResolver requesterResolver) {
    this.requesterResolver = Objects.requireNonNull(requesterResolver, "requesterResolver");
  }

  void setBasisResolver(BasisResolver basisResolver) {
    this.basisResolver = Objects.requireNonNull(basisResolver, "basisResolver");
  }

  void setDecisions(Decisions decisions) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
  }

  void setFactsResolver(FactsResolver factsResolver) {
    Objects.requireNonNull(factsResolver, "factsResolver");
    this.factsResolver = factsResolver instanceof NoFactsResolver ? null : factsResolver;
  }

  void setDefaultRecipient(Recipient defaultRecipient) {
    this.defaultRecipient = Objects.requireNonNull(defaultRecipient, "defaultRecipient");
  }

  void setStaffRecipient(Recipient staffRecipient) {
    this.staffRecipient = Objects.requireNonNull(staffRecipient, "staffRecipient");
  }

  void setDefaultPurpose(Purpose defaultPurpose) {
    this.defaultPurpose = Objects.requireNonNull(defaultPurpose, "defaultPurpose");
  }

  void setPurposeHeader(String purposeHeader) {
    this.purposeHeader = Objects.requireNonNull(purposeHeader, "purposeHeader");
  }

  /** The settings by which Spring Boot's error responses show what an exception says, to warn of. */
  void setErrorDetailsShown(List<String> errorDetailsShown) {
    this.errorDetailsShown = List.copyOf(errorDetailsShown);
  }

  /** Whether {@code spring.mvc.log-request-details} is on, to warn of. */
  void setRequestDetailsLogged(boolean requestDetailsLogged) {
    this.requestDetailsLogged = requestDetailsLogged;
  }

  /**
   * Warns once, when the filter starts, if Spring's web logging is at DEBUG or TRACE: Spring then
   * logs request and response bodies as the handler returned them, before the guard decides them,
   * and a refused response's full record with them. Warns too if Spring Boot's error responses
   * show exceptions' messages, stack traces or binding errors: the guard does not decide an error
   * response, and an exception's message may hold a record's {@code toString}. Warns too if
   * {@code spring.mvc.log-request-details} is on: at DEBUG or TRACE (which a logger's level may be
   * set to while the service runs) Spring's {@code DispatcherServlet} then logs each request's
   * parameters and headers, the requester's API key and the basis document's id among them. Once
   * per filter, though a management port of its own starts it in a second container.
   */
  @Override
  protected void initFilterBean() {
    if (!warned.compareAndSet(false, true)) {
      return; // registered in a second container too: a management port's
    }
    if (SPRING_BODY_LOGS.stream().anyMatch(name -> LogFactory.getLog(name).isDebugEnabled())) {
      LOG.warn("Spring's web logging is at DEBUG or TRACE (org.springframework.web): Spring then logs request and"
          + " response bodies before the guard decides them, residents' protected values included; keep it at INFO"
          + " wherever the service holds residents' data");
    }
    if (!errorDetailsShown.isEmpty()) {
      LOG.warn("Spring Boot's error responses show what exceptions say (" + String.join(", ", errorDetailsShown)
          + "): the guard does not decide error responses, and an exception's message or a binding error may hold a"
          + " resident's protected values; keep them at never, and build no exception's reason from a record when Spring"
          + " MVC writes problems itself, wherever the service holds residents' data");
    }
    if (requestDetailsLogged) {
      LOG.warn("spring.mvc.log-request-details=true: at DEBUG or TRACE Spring's DispatcherServlet then logs each"
          + " request's parameters and headers, agencies' API keys, the ids of the documents they name as their legal"
          + " basis and residents' protected values a query or form holds among them; keep it false wherever the"
          + " service holds residents' data");
    }
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(InboundRequest.ATTRIBUTE) == null) {
      try {
        request.setAttribute(InboundRequest.ATTRIBUTE, identify(request));
        Problems.keepHeaders(request, response);
      } catch (UnknownIdentifierException | AmbiguousRequestException e) {
        Problems.badRequest(response, e.getMessage());
        return;
      } catch (RuntimeException e) {
        // an application's resolver may put anything in its message, a resident's name included
        LOG.warn("a requester or basis resolver failed (" + e.getClass().getName() + "); the request is answered"
            + " with 400");
        Problems.badRequest(response, UNRESOLVED);
        return;
      }
    }
    Disclosure disclosureBefore = Disclosures.current().orElse(null);
    DecisionScope scope = DecisionScope.openUndecided();
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      if (decisions != null) {
        decisions.withdrawUnsent(scope, response, e);
      }
      dropHeadersSet(request, response);
      throw e;
    } finally {
      // else what the application left open would go on releasing on this pooled thread, to whatever it does next
      if (scope.closeWithInner() > 0) {
        LOG.error("a DecisionScope opened while handling a request was left open; the guard's filter closed it."
            + " Open each scope in try-with-resources");
      }
      if (Disclosures.closeOpenedSince(disclosureBefore) > 0) {
        LOG.error("a Disclosure opened while handling a request was left open; the guard's filter closed it, so that"
            + " no later request on the thread makes calls under it. Open each disclosure in try-with-resources");
      }
    }
  }

  /**
   * Leaves a response that failed before it was committed with only the headers the filter kept:
   * the container's error page answers with what the response holds, and a handler's header may
   * hold the record. A response committed since (a stream's thread) is left as it is, so that the
   * failure goes on rather than this one.
   */
  private static void dropHeadersSet(HttpServletRequest request, HttpServletResponse response) {
    if (response.isCommitted()) {
      return;
    }
    try {
      Problems.resetToKeptHeaders(request, response);
    } catch (IllegalStateException committed) {
      // committed between the check and the reset: what was sent is sent
    }
  }

  private InboundRequest identify(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    String user = principal == null ? null : principal.getName();
    Requester requester = requesterResolver.resolve(request)
        .map(found -> found.actor() == null && user != null ? new Requester(found.recipient(), user) : found)
        .orElseGet(() -> user != null ? new Requester(staffRecipient, user) : Requester.of(defaultRecipient));
    return new InboundRequest(requester, purpose(request), basisResolver.resolve(request, requester),
        factsResolver == null ? null : new InboundRequest.PayloadFacts(factsResolver, request));
  }

  private Purpose purpose(HttpServletRequest request) {
    String stated = RequestHeaders.single(request, purposeHeader);
    if (stated == null || stated.isBlank()) {
      return defaultPurpose;
    }
    if (stated.length() > LONGEST_ECHOED) {
      throw new UnknownIdentifierException("purpose", Problems.echoed(stated, LONGEST_ECHOED), List.of());
    }
    return Purpose.of(stated);
  }
}
