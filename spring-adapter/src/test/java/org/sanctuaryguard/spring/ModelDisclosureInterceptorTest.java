package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.view.json.JacksonJsonView;
import tools.jackson.databind.json.JsonMapper;

class ModelDisclosureInterceptorTest {

  private final Guard guard = Guard.of(GuardConfig.custom().policy(Policy.of(PolicyPack.builtin("nyc")))
      .auditSinks(event -> { }).build());
  private final AtomicInteger resolved = new AtomicInteger();

  /** Resolves every name to a view of its own, counting how often it is asked. */
  private final class Counting implements ViewResolver {
    private final View view;

    Counting(View view) {
      this.view = view;
    }

    @Override
    public View resolveViewName(String viewName, Locale locale) {
      resolved.incrementAndGet();
      return view;
    }
  }

  private ModelDisclosureInterceptor interceptor(ViewResolver resolver) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("resolver", resolver));
    JsonMapper mapper = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
    return new ModelDisclosureInterceptor(new Decisions(guard, null), mapper, beans.getBeanProvider(ViewResolver.class));
  }

  /**
   * Before, a view named by the handler was resolved by the guard, to decide it, and again by the
   * dispatcher servlet, which found the name still on the model and view.
   */
  @Test
  void decideWhenTheHandlerNamesAViewThenItIsResolvedOnceAndRenderedAsResolved() {
    // given
    View page = (model, request, response) -> { };
    ModelAndView named = new ModelAndView("page");

    // when
    interceptor(new Counting(page)).decide(new MockHttpServletRequest(), named);

    // then
    assertThat(resolved).hasValue(1);
    assertThat(named.isReference()).as("the dispatcher servlet resolves no name").isFalse();
    assertThat(named.getView()).isSameAs(page);
  }

  @Test
  void decideWhenANamedViewIsSpringsJacksonViewThenTheGuardedViewIsRendered() {
    // given
    ModelAndView named = new ModelAndView("json");

    // when
    interceptor(new Counting(new JacksonJsonView())).decide(new MockHttpServletRequest(), named);

    // then
    assertThat(resolved).hasValue(1);
    assertThat(named.getView()).isInstanceOf(GuardedJacksonView.class);
  }

  @Test
  void decideWhenNoResolverFindsTheNameThenTheNameIsLeftForTheDispatcherServlet() {
    // given
    ModelAndView named = new ModelAndView("missing");

    // when
    interceptor((name, locale) -> null).decide(new MockHttpServletRequest(), named);

    // then
    assertThat(named.isReference()).isTrue();
    assertThat(named.getViewName()).isEqualTo("missing");
  }
}
