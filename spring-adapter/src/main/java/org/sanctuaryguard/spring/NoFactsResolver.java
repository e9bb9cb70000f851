package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The built-in {@link FactsResolver}: it knows no facts. The filter recognizes it and calls no
 * resolver at all, so that a service without a resolver of its own pays nothing for one.
 */
final class NoFactsResolver implements FactsResolver {

  static final NoFactsResolver INSTANCE = new NoFactsResolver();

  private NoFactsResolver() {}

  @Override
  public Map<String, Boolean> resolve(HttpServletRequest request, Requester requester, Object payload) {
    return Map.of();
  }

  @Override
  public String toString() {
    return "NoFactsResolver";
  }
}
