package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Release;

/**
 * Properties of redaction over random object graphs, each reproducible from its seed: beans,
 * records and objects without a no-argument constructor, in lists, maps, arrays and {@code
 * Optional}s, with shared references and cycles, canary values in every protected property, and a
 * random decision. No withheld canary survives, every released value does unchanged, shared
 * references stay shared, and the original is never modified. As no class of the graph has a
 * subject id, a decision made about someone else refuses every graph that holds a canary.
 */
class RedactionPropertiesTest {

  private static final int GRAPHS = 300;
  private static final List<String> FACTS = List.of("hide-name", "hide-status", "hide-phone", "hide-address", "hide-health");

  static final class Node {
    @Protected("identity.name") @Nullable String name;
    @Protected("immigration.status") @Nullable String status;
    @Protected("contact.phone") List<String> phones = new ArrayList<>();
    @Nullable String label;
    List<Object> children = new ArrayList<>();
    Map<String, Object> links = new LinkedHashMap<>();
    Optional<Leaf> leaf = Optional.empty();
    Object[] slots = new Object[0];

    Node() {}
  }

  record Leaf(@Protected("location.home-address") @Nullable String address, @Protected("health.records") Optional<String> health,
      String plain) {}

  /** Neither a record nor a bean: a graph holding one is released as a tree. */
  static final class Opaque {
    @Protected("identity.name") private final String name;
    private final Object next;

    Opaque(String name, Object next) {
      this.name = name;
      this.next = next;
    }
  }

  @TestFactory
  Stream<DynamicTest> redactionWhenGraphsAndDecisionsAreRandomThenPropertiesHold() {
    Guards guards = new Guards();
    return IntStream.range(0, GRAPHS).mapToObj(seed ->
        DynamicTest.dynamicTest("seed " + seed, () -> check(guards, seed)));
  }

  private static void check(Guards guards, long seed) {
    Random random = new Random(seed);
    Map<String, String> canaries = new LinkedHashMap<>();
    Object root = graph(random, canaries);
    List<String> before = fingerprint(root);
    canaries.keySet().retainAll(before);
    List<String> hidden = FACTS.stream().filter(f -> random.nextInt(3) == 0).toList();
    Decision decision = guards.guard.decide(guards.hiding(hidden.toArray(String[]::new)).payload(root).build());
    Set<String> withheldCategories = hidden.stream().map(Guards.HIDE::get).collect(java.util.stream.Collectors.toSet());

    Release<Object> release = guards.guard.redact(root, decision);

    List<String> after = fingerprint(root);
    assertThat(after).as("the original is never modified").isEqualTo(before);
    List<String> released = new ArrayList<>();
    strings(release.value(), Collections.newSetFromMap(new IdentityHashMap<>()), released);
    canaries.forEach((canary, category) -> {
      boolean withheld = withheldCategories.contains(category) || !decision.permitsAny();
      if (withheld) {
        assertThat(released).as("withheld canary of %s", category).doesNotContain(canary);
      } else {
        assertThat(released).as("released canary of %s", category).contains(canary);
      }
    });
    List<String> plain = new ArrayList<>();
    strings(root, Collections.newSetFromMap(new IdentityHashMap<>()), plain);
    plain.removeIf(canaries::containsKey);
    assertThat(released).as("every unprotected value is released").containsAll(plain);
    if (release.isCopy()) {
      sameShape(root, release.value(), new IdentityHashMap<>());
    }
    Decision aboutSomeoneElse = guards.guard.decide(guards.hiding().payload(Model.person("C-1", "Ana")).build());
    if (canaries.isEmpty()) {
      assertThat(guards.guard.redact(root, aboutSomeoneElse).value()).as("nothing protected, of no one").isNotNull();
    } else {
      assertThatThrownBy(() -> guards.guard.redact(root, aboutSomeoneElse))
          .as("protected values under no subject id, which a decision about someone else does not cover")
          .isInstanceOfSatisfying(DisclosureRefusedException.class,
              refused -> assertThat(refused.decision().rules()).containsExactly("guard.subject-not-decided"));
    }
  }

  private static Object graph(Random random, Map<String, String> canaries) {
    List<Object> objects = new ArrayList<>();
    int nodes = 1 + random.nextInt(20);
    for (int i = 0; i < nodes; i++) {
      Node node = new Node();
      node.name = random.nextInt(5) == 0 ? null : canary(canaries, "identity.name", random);
      node.status = random.nextBoolean() ? canary(canaries, "immigration.status", random) : null;
      for (int p = random.nextInt(3); p > 0; p--) {
        node.phones.add(canary(canaries, "contact.phone", random));
      }
      node.label = "label-" + i;
      objects.add(node);
    }
    for (int i = random.nextInt(6); i > 0; i--) {
      objects.add(new Leaf(canary(canaries, "location.home-address", random),
          random.nextBoolean() ? Optional.of(canary(canaries, "health.records", random)) : Optional.empty(), "plain-" + i));
    }
    if (random.nextInt(4) == 0) {
      objects.add(new Opaque(canary(canaries, "identity.name", random), objects.get(random.nextInt(objects.size()))));
    }
    for (Object object : objects) {
      if (object instanceof Node node) {
        for (int c = random.nextInt(4); c > 0; c--) {
          node.children.add(objects.get(random.nextInt(objects.size())));
        }
        for (int l = random.nextInt(3); l > 0; l--) {
          node.links.put("link-" + l, random.nextBoolean() ? objects.get(random.nextInt(objects.size())) : "text-" + l);
        }
        List<Leaf> leaves = objects.stream().filter(Leaf.class::isInstance).map(Leaf.class::cast).toList();
        if (!leaves.isEmpty() && random.nextBoolean()) {
          node.leaf = Optional.of(leaves.get(random.nextInt(leaves.size())));
        }
        node.slots = random.ints(random.nextInt(3), 0, objects.size() + 1)
            .mapToObj(k -> k == objects.size() ? null : objects.get(k)).toArray();
      }
    }
    return random.nextBoolean() ? objects.get(0) : new ArrayList<>(objects.subList(0, 1 + random.nextInt(objects.size())));
  }

  private static String canary(Map<String, String> canaries, String category, Random random) {
    String canary = "CANARY-" + category + "-" + canaries.size() + "-" + random.nextInt(1_000_000);
    canaries.put(canary, category);
    return canary;
  }

  /** Every string reachable from a value, in a deterministic order, through our classes and containers. */
  private static void strings(@Nullable Object value, Set<Object> seen, List<String> out) {
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      out.add(text);
      return;
    }
    if (!seen.add(value)) {
      return;
    }
    if (value instanceof Optional<?> optional) {
      optional.ifPresent(inner -> strings(inner, seen, out));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(element -> strings(element, seen, out));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        strings(k, seen, out);
        strings(v, seen, out);
      });
    } else if (value instanceof Object[] array) {
      for (Object element : array) {
        strings(element, seen, out);
      }
    } else if (value instanceof Node node) {
      Stream.of(node.name, node.status, node.phones, node.label, node.children, node.links, node.leaf, node.slots)
          .forEach(part -> strings(part, seen, out));
    } else if (value instanceof Leaf leaf) {
      Stream.of(leaf.address(), leaf.health(), leaf.plain()).forEach(part -> strings(part, seen, out));
    } else if (value instanceof Opaque opaque) {
      strings(opaque.name, seen, out);
      strings(opaque.next, seen, out);
    }
  }

  private static List<String> fingerprint(Object root) {
    List<String> strings = new ArrayList<>();
    strings(root, Collections.newSetFromMap(new IdentityHashMap<>()), strings);
    return strings;
  }

  /** Copies have the original's classes and sharing: one copy per original object. */
  private static void sameShape(@Nullable Object original, @Nullable Object copy, Map<Object, Object> pairs) {
    if (original == null || original instanceof String) {
      return;
    }
    assertThat(copy).isNotNull();
    Object earlier = pairs.putIfAbsent(original, copy);
    if (earlier != null) {
      assertThat(copy).as("an object referenced twice is copied once").isSameAs(earlier);
      return;
    }
    if (original instanceof Node node) {
      assertThat(copy).isInstanceOf(Node.class).isNotSameAs(original);
      Node twin = (Node) copy;
      assertThat(twin.label).isEqualTo(node.label);
      pairsOf(node.children, twin.children, pairs);
      node.links.forEach((key, value) -> sameShape(value, twin.links.get(key), pairs));
      pairsOf(java.util.Arrays.asList(node.slots), java.util.Arrays.asList(twin.slots), pairs);
      node.leaf.ifPresent(leaf -> sameShape(leaf, twin.leaf.orElse(null), pairs));
    } else if (original instanceof Leaf leaf) {
      assertThat(copy).isInstanceOf(Leaf.class);
      assertThat(((Leaf) copy).plain()).isEqualTo(leaf.plain());
    } else if (original instanceof List<?> list) {
      pairsOf(list, (List<?>) copy, pairs);
    }
  }

  private static void pairsOf(List<?> originals, List<?> copies, Map<Object, Object> pairs) {
    assertThat(copies).hasSameSizeAs(originals);
    for (int i = 0; i < originals.size(); i++) {
      sameShape(originals.get(i), copies.get(i), pairs);
    }
  }
}
