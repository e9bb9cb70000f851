package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Finds the facts that hold for a payload about to be disclosed to the requester of an incoming
 * request: what the city knows of the person in the record (a violent or serious conviction, N.Y.C.
 * Admin. Code § 9-131; consent confirmed with them directly) that the guard cannot know, and that
 * the packs' rules read ({@link org.sanctuaryguard.Facts}). Without one, a response carries no
 * facts, and a fact a rule needs counts as false. The built-in resolver finds none; a bean of this
 * type replaces it.
 *
 * <pre>{@code
 * @Bean
 * FactsResolver convictions(ConvictionRecords convictions) {
 *   return (request, requester, payload) -> payload instanceof Detainee detainee
 *       ? Map.of(Facts.VIOLENT_OR_SERIOUS_CONVICTION, convictions.violentOrSerious(detainee.id()))
 *       : Map.of();
 * }
 * }</pre>
 *
 * <p>It is called once for each decision of a payload that holds protected values, just before the
 * guard decides it: a response body, each element of a streamed one, the model a view renders. It
 * is not called for a payload without protected values, nor for a request outside {@code
 * sanctuary.guard.inbound.url-patterns}, nor by the check before the handler runs, which has no
 * payload yet: with a resolver of the application's, that check refuses only what no facts could
 * open, and leaves the rest to the decision on the body.
 *
 * <p>A fact opens what a pack would otherwise withhold: take it from the city's own records, never
 * from what the request says (a header, a parameter), which the requester controls. It holds for
 * the whole payload: give a fact of a list only if it holds for every person in it. Implementations
 * must be thread-safe, must not modify the payload, and must not log it or put any of it in an
 * exception's message.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FactsResolver {

  /**
   * Returns the facts that hold for the payload, by name ({@link org.sanctuaryguard.Facts}, or one
   * a pack declares: {@code Guard.policy().facts()}); empty if the resolver knows none. A fact given
   * as false is recorded in the decision's reasons as false rather than as missing.
   *
   * <p>A name that neither the standard facts nor a pack declares is a programming error, and so is
   * an exception or a null: the response is not sent (Spring MVC answers it as any failure, 500 by
   * default), and the exception that says so names this resolver's class and, for an unknown fact, the
   * known facts nearest to it, never the name returned, a value of the payload, nor what the
   * resolver's own exception or error said.
   *
   * @param request the incoming request; for a streamed element, the one that began the stream, on
   *     whichever thread sends the element
   * @param requester who asks, as the {@link RequesterResolver} identified them
   * @param payload what is about to be decided: the response body (a {@code Stream} or {@code
   *     Iterator} body collected into a {@code List}), an element of a streamed body, or, for a view,
   *     a map of the model's values by name, Spring MVC's binding results left out
   * @return the facts, by name; never null
   */
  Map<String, Boolean> resolve(HttpServletRequest request, Requester requester, Object payload);
}
