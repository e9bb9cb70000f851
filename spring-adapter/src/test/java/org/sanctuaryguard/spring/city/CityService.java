package org.sanctuaryguard.spring.city;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.EventObject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Caller;
import org.sanctuaryguard.spring.city.Model.Neighbours;
import org.sanctuaryguard.spring.city.Model.ClientDto;
import org.sanctuaryguard.spring.city.Model.Contact;
import org.sanctuaryguard.spring.city.Model.Office;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.view.json.JacksonJsonView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A city service guarded by nothing but the adapter on its class path and the properties of {@link
 * CityServiceTest}: endpoints that return residents' records, an office without protected values,
 * a generated DTO protected by properties, and the plumbing of the tests (users, a recording server
 * on loopback, a sink that keeps guard events).
 */
@SpringBootApplication
public class CityService {

  /** Guard events as the guard recorded them. */
  public static final class RecordedEvents implements AuditSink {
    private final List<GuardEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(GuardEvent event) {
      events.add(event);
    }

    public List<GuardEvent> all() {
      return List.copyOf(events);
    }

    public GuardEvent last() {
      return events.get(events.size() - 1);
    }

    public void clear() {
      events.clear();
    }
  }

  /** A generic envelope around an answer, as many APIs return. */
  public record Envelope<T>(T data, String status) {}

  /** An answer whose data is declared as any object, as loosely typed APIs return. */
  public record Untyped(String status, Object data) {}

  /** A page of records, declared as an interface that is only iterable, as Spring Data's {@code Page} is. */
  public interface ResultPage<T> extends Iterable<T> {
    List<T> getContent();
  }

  /** A page of a list. */
  record ListPage<T>(List<T> content) implements ResultPage<T> {

    @Override
    public List<T> getContent() {
      return content;
    }

    @Override
    public Iterator<T> iterator() {
      return content.iterator();
    }
  }

  /** The records: one resident, {@link Model#SUBJECT}; any other id is not found. */
  @RestController
  static class Records {

    /** How many times a handler looked a resident up. */
    final AtomicInteger lookups = new AtomicInteger();

    /**
     * What became of the office that {@code /residents/{id}/snapshot-then-office} sends from another
     * thread once the test completes {@link #sendOffice}: the exception its send threw, or null if it
     * was sent.
     */
    final java.util.concurrent.BlockingQueue<Optional<Throwable>> officeSends = new java.util.concurrent.LinkedBlockingQueue<>();
    volatile CompletableFuture<Void> sendOffice = new CompletableFuture<>();

    @GetMapping("/residents/{id}")
    Resident resident(@PathVariable @SubjectId String id) {
      lookUp(id);
      return Model.resident();
    }

    @GetMapping("/residents")
    List<Resident> residents() {
      return List.of(Model.resident(), new Resident("C-1002", Model.NAME, Model.STATUS, Model.ADDRESS, "Jamaica"));
    }

    /** The residents of that name: none, or the one resident. */
    @GetMapping("/residents/search")
    ResultPage<Resident> search(@RequestParam String name) {
      lookups.incrementAndGet();
      return new ListPage<>(Model.NAME.equals(name) ? List.of(Model.resident()) : List.of());
    }

    /** The residents of that name, none or the one resident, in a {@code ResponseEntity}. */
    @GetMapping("/residents/search/entity")
    ResponseEntity<List<Resident>> searchEntity(@RequestParam String name) {
      lookups.incrementAndGet();
      return ResponseEntity.ok(Model.NAME.equals(name) ? List.of(Model.resident()) : List.of());
    }

    /** The residents as a stream, as a Spring Data repository may return them. */
    @GetMapping("/residents/stream")
    Stream<Resident> stream() {
      lookups.incrementAndGet();
      return Stream.of(Model.resident());
    }

    /** The record as a {@code Mono}: empty when there is none. */
    @GetMapping("/residents/{id}/mono")
    Mono<Resident> mono(@PathVariable @SubjectId String id) {
      lookups.incrementAndGet();
      return Model.SUBJECT.equals(id) ? Mono.just(Model.resident()) : Mono.empty();
    }

    /** The residents as NDJSON, a line each. */
    @GetMapping(path = "/residents/lines", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<Resident> lines() {
      lookups.incrementAndGet();
      return Flux.just(Model.resident(), new Resident("C-1002", Model.NAME, Model.STATUS, Model.ADDRESS, "Jamaica"));
    }

    /**
     * The resident's record and then their office, as server-sent events, sent from another thread
     * as a service sends updates when they come.
     */
    @GetMapping("/residents/{id}/updates")
    SseEmitter updates(@PathVariable @SubjectId String id) {
      SseEmitter emitter = new SseEmitter(10_000L);
      CompletableFuture.runAsync(() -> {
        try {
          emitter.send(Model.resident());
          emitter.send(new Office("Canal St Job Center", "Manhattan"));
          emitter.complete();
        } catch (IOException e) {
          emitter.completeWithError(e);
        }
      });
      return emitter;
    }

    /** The same events, from an emitter that a future gives once it completes. */
    @GetMapping("/residents/{id}/updates/later")
    CompletableFuture<SseEmitter> laterUpdates(@PathVariable @SubjectId String id) {
      return CompletableFuture.supplyAsync(() -> updates(id));
    }

    /** The resident's record as one server-sent event, sent before the handler returns. */
    @GetMapping("/residents/{id}/snapshot")
    SseEmitter snapshot(@PathVariable @SubjectId String id) throws IOException {
      SseEmitter emitter = new SseEmitter(10_000L);
      emitter.send(Model.resident());
      emitter.complete();
      return emitter;
    }

    /**
     * The resident's record, sent before the handler returns, then their office, sent from another
     * thread once the test lets it ({@link #sendOffice}): what an application does with the rest of a
     * stream after an element of it was refused.
     */
    @GetMapping("/residents/{id}/snapshot-then-office")
    SseEmitter snapshotThenOffice(@PathVariable @SubjectId String id) throws IOException {
      SseEmitter emitter = new SseEmitter(10_000L);
      emitter.send(Model.resident());
      sendOffice.thenRunAsync(() -> {
        try {
          emitter.send(new Office("Canal St Job Center", "Manhattan"));
          officeSends.add(Optional.empty());
        } catch (IOException | RuntimeException e) {
          officeSends.add(Optional.of(e));
        }
      });
      return emitter;
    }

    /**
     * The city's offices, which hold nothing protected, then the resident's record, both sent before
     * the handler returns: Spring MVC writes them as it starts the stream, and the offices, more than
     * the response's buffer holds, commit the response before the record is decided.
     */
    @GetMapping("/residents/{id}/office-first/at-once")
    SseEmitter officeFirstAtOnce(@PathVariable @SubjectId String id) throws IOException {
      SseEmitter emitter = new SseEmitter(10_000L);
      emitter.send(Collections.nCopies(1_000, new Office("Canal St Job Center", "Manhattan")));
      emitter.send(Model.resident());
      emitter.complete();
      return emitter;
    }

    /**
     * The resident's office, which holds nothing protected, then their record, sent from another
     * thread: the record once the office was written and flushed (which commits the response, whether
     * Spring MVC sent the office as it started the stream or the send wrote it), so that the office is
     * written before the record is decided.
     */
    @GetMapping("/residents/{id}/office-first")
    SseEmitter officeFirst(@PathVariable @SubjectId String id, HttpServletResponse response) {
      SseEmitter emitter = new SseEmitter(10_000L);
      CompletableFuture.runAsync(() -> {
        try {
          emitter.send(new Office("Canal St Job Center", "Manhattan"));
          for (int waited = 0; !response.isCommitted() && waited < 5_000; waited++) {
            Thread.sleep(1);
          }
          emitter.send(Model.resident());
          emitter.complete();
        } catch (IOException e) {
          emitter.completeWithError(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          emitter.completeWithError(e);
        }
      });
      return emitter;
    }

    @GetMapping("/residents/{id}/later")
    CompletableFuture<Resident> later(@PathVariable String id) {
      return CompletableFuture.supplyAsync(Model::resident);
    }

    @GetMapping("/contacts/{id}")
    Contact contact(@PathVariable("id") @SubjectId String client) {
      lookUp(client);
      return Model.contact();
    }

    @GetMapping("/contacts")
    Contact contactByQuery(@RequestParam("client") @SubjectId String client) {
      lookUp(client);
      return Model.contact();
    }

    @GetMapping("/contacts/any")
    List<Contact> anyContact(@RequestParam @SubjectId List<String> clients) {
      clients.forEach(this::lookUp);
      return List.of(Model.contact());
    }

    /** The contact and a household member's, whose record has no client number yet. */
    @GetMapping("/contacts/{id}/household")
    List<Contact> household(@PathVariable("id") @SubjectId String client) {
      lookUp(client);
      return List.of(Model.contact(), new Contact(null, "CANARY-MEMBER-NAME", "CANARY-MEMBER-ADDRESS", "Canal St"));
    }

    @GetMapping("/contacts/{id}/neighbours")
    Neighbours neighbours(@PathVariable("id") @SubjectId String client) {
      lookUp(client);
      return new Neighbours(Model.contact());
    }

    @GetMapping("/contacts/{id}/unnamed")
    Contact unnamedContact(@PathVariable String id) {
      lookUp(id);
      return Model.contact();
    }

    @GetMapping("/residents/{id}/envelope")
    Envelope<Resident> envelope(@PathVariable String id) {
      lookUp(id);
      return new Envelope<>(Model.resident(), "found");
    }

    @GetMapping("/residents/{id}/untyped")
    Untyped untyped(@PathVariable @SubjectId String id) {
      lookUp(id);
      return new Untyped("found", Model.resident());
    }

    @GetMapping("/residents/{id}/record")
    ResponseEntity<Resident> record(@PathVariable String id) {
      lookUp(id);
      return ResponseEntity.ok(Model.resident());
    }

    @GetMapping("/offices/{id}")
    Office office(@PathVariable String id) {
      return new Office("Canal St Job Center", "Manhattan");
    }

    /** Registering a resident who is already registered: the conflict answers with their record. */
    @GetMapping("/residents/{id}/register")
    String register(@PathVariable @SubjectId String id) {
      lookUp(id);
      throw new AlreadyRegistered();
    }

    @ExceptionHandler(AlreadyRegistered.class)
    ResponseEntity<Resident> alreadyRegistered() {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Model.resident());
    }

    private void lookUp(String id) {
      lookups.incrementAndGet();
      if (!Model.SUBJECT.equals(id)) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      }
    }

    @GetMapping("/clients/{id}")
    ClientDto client(@PathVariable String id) {
      return new ClientDto();
    }
  }

  /** The resident asked to be registered is already. */
  static final class AlreadyRegistered extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Pages rendered by views: a resident's record as JSON through a view with a mapper of its own. */
  @Controller
  static class Views {

    @GetMapping("/views/offices/busiest")
    ModelAndView busiest() {
      return new ModelAndView(new JacksonJsonView(), Map.of("top", List.of(new Office("Canal St", "Manhattan"))));
    }

    /** A form of the resident's record: a template binds its fields through the model's binding result. */
    @GetMapping("/views/residents/{id}/form")
    ModelAndView form(@PathVariable @SubjectId String id) {
      Resident resident = Model.resident();
      ModelAndView form = new ModelAndView((model, request, response) -> response.getWriter().write(
          model.get(BindingResult.MODEL_KEY_PREFIX + "resident") instanceof BindingResult bound
              ? "status field: " + ((Resident) bound.getTarget()).status() : "status field: "
              + ((Resident) model.get("resident")).status()));
      form.addObject("resident", resident);
      form.addObject(BindingResult.MODEL_KEY_PREFIX + "resident", new BeanPropertyBindingResult(resident, "resident"));
      return form;
    }

    /**
     * A page about the resident that holds nothing protected itself: {@link RecentlyViewed}, an
     * interceptor of the application's, adds the record the caseworker last viewed once the handler
     * returns, and the view writes it as text.
     */
    @GetMapping("/views/residents/{id}/decorated")
    ModelAndView decorated(@PathVariable @SubjectId String id) {
      return new ModelAndView((model, request, response) -> response.getWriter().write("recently viewed: "
          + model.get("recent")), Map.of("office", new Office("Canal St", "Manhattan")));
    }

    @GetMapping("/views/residents/{id}")
    ModelAndView resident(@PathVariable @SubjectId String id) {
      return new ModelAndView(new JacksonJsonView(), Map.of("resident", Model.resident()));
    }

    /**
     * A notice about the resident, as the JDK's {@code EventObject} whose source is their record:
     * the guard reads the source through its getter, but cannot copy the event without it, and the
     * view's own mapper would write the source's getters.
     */
    @GetMapping("/views/residents/{id}/notice")
    ModelAndView notice(@PathVariable @SubjectId String id) {
      return new ModelAndView(new JacksonJsonView(), Map.of("notice", new EventObject(Model.resident())));
    }

    /** The same notice, through a view bean that Spring Boot's view resolver finds by its name. */
    @GetMapping("/views/residents/{id}/notice/by-name")
    ModelAndView noticeByName(@PathVariable @SubjectId String id) {
      return new ModelAndView("noticeJson", Map.of("notice", new EventObject(Model.resident())));
    }

    /** Who called about the resident: a name of their own and the resident's record, through a computed getter. */
    @GetMapping("/views/residents/{id}/caller")
    ModelAndView caller(@PathVariable @SubjectId String id) {
      return new ModelAndView(new JacksonJsonView(), Map.of("caller", new Caller(Model.SUBJECT, Model.NAME)));
    }

    /** Registering a resident who is already registered: the conflict's page shows their record. */
    @GetMapping("/views/residents/{id}/register")
    ModelAndView register(@PathVariable @SubjectId String id) {
      throw new AlreadyRegistered();
    }

    @ExceptionHandler(AlreadyRegistered.class)
    ModelAndView alreadyRegistered() {
      return new ModelAndView(new JacksonJsonView(), Map.of("resident", Model.resident()));
    }

    /** Transferring a resident whom another office holds: the application's own resolver shows their record. */
    @GetMapping("/views/residents/{id}/transfer")
    ModelAndView transfer(@PathVariable @SubjectId String id) {
      throw new HeldElsewhere();
    }
  }

  /** The resident is held by another office. */
  static final class HeldElsewhere extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * An exception resolver of the application's own, declared as a bean, as applications declare a
   * {@code SimpleMappingExceptionResolver}: a resident held elsewhere is shown with their record.
   */
  public static class HeldElsewhereResolver extends AbstractHandlerExceptionResolver {

    @Override
    protected @Nullable ModelAndView doResolveException(HttpServletRequest request, HttpServletResponse response,
        @Nullable Object handler, Exception exception) {
      return exception instanceof HeldElsewhere
          ? new ModelAndView(new JacksonJsonView(), Map.of("resident", Model.resident())) : null;
    }
  }

  /** One handler method for records of any type: each controller's type argument says which. */
  abstract static class Lookups<T> {

    @GetMapping("/{id}")
    T one(@PathVariable String id) {
      return find(id);
    }

    abstract T find(String id);
  }

  @RestController
  @RequestMapping("/generic/residents")
  static class GenericResidents extends Lookups<Resident> {

    @Override
    Resident find(String id) {
      return Model.resident();
    }
  }

  @RestController
  @RequestMapping("/generic/offices")
  static class GenericOffices extends Lookups<Office> {

    @Override
    Office find(String id) {
      return new Office("Canal St Job Center", "Manhattan");
    }
  }

  /**
   * Functional endpoints of Spring MVC, with no controller: the record as a body, written without the
   * response advice, and as a server-sent event sent from another thread.
   */
  @Bean
  RouterFunction<ServerResponse> functionalResidents() {
    return RouterFunctions.route()
        .GET("/functional/residents/{id}", request -> Model.SUBJECT.equals(request.pathVariable("id"))
            ? ServerResponse.ok().body(Model.resident()) : ServerResponse.notFound().build())
        .GET("/functional/residents/{id}/updates", request -> ServerResponse.sse(sse ->
            CompletableFuture.runAsync(() -> {
              try {
                sse.send(Model.resident());
                sse.complete();
              } catch (IOException e) {
                sse.error(e);
              }
            }), Duration.ofSeconds(10)))
        .build();
  }

  /**
   * A feed of the records the city's staff share: whoever follows {@code /shared} gets each record
   * a caseworker reads at {@code /residents/{id}/shared} as a server-sent event, which an interceptor
   * of the application sends once the caseworker's own response was decided and written, on the
   * caseworker's thread.
   */
  static final class Shared implements HandlerInterceptor {

    private final List<SseEmitter> followers = new CopyOnWriteArrayList<>();

    /** Whether anyone follows the feed yet. */
    boolean followed() {
      return !followers.isEmpty();
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
        @Nullable ModelAndView modelAndView) {
      for (SseEmitter follower : followers) {
        followers.remove(follower);
        try {
          follower.send(Model.resident());
          follower.complete();
        } catch (IOException | RuntimeException e) {
          follower.completeWithError(e);
        }
      }
    }
  }

  /**
   * Adds to every page the record its reader viewed last, once the handler returns: an interceptor of
   * the application's, registered before the guard's, whose {@code postHandle} Spring MVC calls
   * after theirs unless the guard's comes first.
   */
  static final class RecentlyViewed implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
        @Nullable ModelAndView modelAndView) {
      if (modelAndView != null) {
        modelAndView.addObject("recent", Model.resident());
      }
    }
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebMvcConfigurer recentlyViewed() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RecentlyViewed()).addPathPatterns("/views/residents/*/decorated");
      }
    };
  }

  @Bean
  Shared shared() {
    return new Shared();
  }

  @Bean
  WebMvcConfigurer sharing(Shared shared) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(shared).addPathPatterns("/residents/*/shared");
      }
    };
  }

  /**
   * Tells a partner's intake, once a record was served, that its resident was referred: on the
   * request's thread, after the response was written under its decision.
   */
  static final class Referrals implements HandlerInterceptor {

    static final String INTAKE = "http://intake.example.org/referrals";

    private final RestClient restClient;

    Referrals(RestClient restClient) {
      this.restClient = restClient;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
        @Nullable Exception ex) {
      restClient.post().uri(INTAKE).body(new Model.Referral("Canal St")).retrieve().toBodilessEntity();
    }
  }

  @Bean
  WebMvcConfigurer referrals(RestClient.Builder restClients) {
    Referrals referrals = new Referrals(restClients.build());
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(referrals).addPathPatterns("/residents/*/referred");
      }
    };
  }

  @RestController
  static class ReferredRecords {

    @GetMapping("/residents/{id}/referred")
    Resident referred(@PathVariable @SubjectId String id) {
      return Model.resident();
    }
  }

  @RestController
  static class SharedRecords {

    private final Shared shared;

    SharedRecords(Shared shared) {
      this.shared = shared;
    }

    @GetMapping("/shared")
    SseEmitter follow() {
      SseEmitter emitter = new SseEmitter(10_000L);
      shared.followers.add(emitter);
      return emitter;
    }

    @GetMapping("/residents/{id}/shared")
    Resident share(@PathVariable @SubjectId String id) {
      return Model.resident();
    }
  }

  /** A JSON view that a handler names, with the mapper it builds itself. */
  @Bean
  View noticeJson() {
    return new JacksonJsonView();
  }

  @Bean
  HeldElsewhereResolver heldElsewhereResolver() {
    return new HeldElsewhereResolver();
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("caseworker").password("{noop}caseworker").authorities("ROLE_STAFF").build(),
        User.withUsername("detective").password("{noop}detective").authorities("ROLE_NYPD").build(),
        // a detective assigned to an HSI-led task force
        User.withUsername("assigned").password("{noop}assigned").authorities("ROLE_NYPD", "ROLE_TASK_FORCE").build());
  }

  @Bean
  RecordedEvents recordedEvents() {
    return new RecordedEvents();
  }

  @Bean(destroyMethod = "close")
  RecordingServer recordingServer() throws IOException {
    return new RecordingServer();
  }

  @Bean
  RestClientCustomizer loopbackRestClient(RecordingServer server) {
    return builder -> builder.requestFactory(Loopback.requestFactory(server));
  }

  @Bean
  RestTemplateCustomizer loopbackRestTemplate(RecordingServer server) {
    return restTemplate -> restTemplate.setRequestFactory(Loopback.requestFactory(server));
  }

  @Bean
  WebClientCustomizer loopbackWebClient(RecordingServer server) {
    return builder -> builder.clientConnector(Loopback.connector(server));
  }
}
