package org.sanctuaryguard.spring;

import com.fasterxml.jackson.annotation.JsonView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.AbstractJacksonView;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.FilterProvider;

/**
 * One of Spring's Jackson views ({@code JacksonJsonView}, {@code JacksonXmlView}, or Jackson 2's)
 * given the model's values as the adapter's mapper, which holds the guard's module, writes them
 * under the response's decision: as maps, lists and plain values, which the view writes as they
 * are. The view's own mapper (a {@code new JacksonJsonView()} builds one) lacks the module, and
 * would write whatever the values' getters return: a record reached through a getter the guard does
 * not look into (a {@code java.util.EventObject}'s source, a computed getter) would go out whole,
 * or with categories the decision of the model's own values did not release. The view's settings
 * (model keys, a prefix, a single value extracted) apply as before; a {@code @JsonView} class or a
 * Jackson 3 filter provider in the model is applied when the values are written here.
 */
final class GuardedJacksonView implements View {

  private static final String JACKSON_2_VIEW = "org.springframework.web.servlet.view.json.AbstractJackson2View";
  private static final String VIEW_HINT = JsonView.class.getName();
  private static final String FILTER_HINT = FilterProvider.class.getName();
  private static final String JACKSON_2_FILTER_HINT = "com.fasterxml.jackson.databind.ser.FilterProvider";

  private final View view;
  private final JsonMapper mapper;
  private final ObjectReader plain;

  private GuardedJacksonView(View view, JsonMapper mapper) {
    this.view = view;
    this.mapper = mapper;
    this.plain = mapper.readerFor(Object.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /**
   * Returns the view guarded if it is one of Spring's Jackson views, else the view itself.
   *
   * @param mapper a mapper that holds the guard's module
   */
  static View guarded(View view, JsonMapper mapper) {
    return isJacksonView(view.getClass()) ? new GuardedJacksonView(view, mapper) : view;
  }

  private static boolean isJacksonView(Class<?> type) {
    for (Class<?> each = type; each != null; each = each.getSuperclass()) {
      if (each == AbstractJacksonView.class || each.getName().equals(JACKSON_2_VIEW)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public @Nullable String getContentType() {
    return view.getContentType();
  }

  @Override
  public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    if (model == null || model.isEmpty()) {
      view.render(model, request, response);
      return;
    }
    ObjectWriter writer = model.get(VIEW_HINT) instanceof Class<?> shown ? mapper.writerWithView(shown)
        : mapper.writer();
    if (model.get(FILTER_HINT) instanceof FilterProvider filters) {
      writer = writer.with(filters);
    }
    Map<String, @Nullable Object> written = new LinkedHashMap<>(model.size() * 2);
    for (Map.Entry<String, ?> entry : model.entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      boolean asItIs = value == null || name.startsWith(BindingResult.MODEL_KEY_PREFIX) || name.equals(VIEW_HINT)
          || name.equals(FILTER_HINT) || name.equals(JACKSON_2_FILTER_HINT);
      written.put(name, asItIs ? value : plain.readValue(writer.<JsonNode>valueToTree(value)));
    }
    view.render(written, request, response);
  }

  /** Names the view guarded, nothing of a model. */
  @Override
  public String toString() {
    return "GuardedJacksonView[" + view + "]";
  }
}
