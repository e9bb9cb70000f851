package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which getters and accessors the class file shows to return only their field. */
class PlainAccessorsTest {

  record Plain(String name, long count, double share, boolean active, int[] codes) {}

  record Computing(String label, String status) {
    @Override
    public String label() {
      return label + " (" + status + ")";
    }
  }

  /** Constants of every kind in the constant pool, so that reading it is tested too. */
  public static class Bean {
    static final long BIG = 1L << 40;
    static final double HALF = 0.5;
    private String name = "n";
    private boolean active = BIG > HALF;
    private List<String> offices = List.of();
    private String other = "o";

    public String getName() {
      return name;
    }

    public boolean isActive() {
      return active;
    }

    public List<String> getOffices() {
      return List.copyOf(offices);
    }

    public String getOther() {
      return name;
    }
  }

  /** A subclass whose getter returns its parent's field. */
  public static class Child extends Bean {
    private String nickname = "c";

    public String getNickname() {
      return nickname.strip();
    }
  }

  @Test
  void returnsOnlyWhenARecordsAccessorIsImplicitThenTrueForEveryType() throws Exception {
    for (String component : List.of("name", "count", "share", "active", "codes")) {
      assertThat(PlainAccessors.returnsOnly(Plain.class.getMethod(component), Plain.class.getDeclaredField(component)))
          .as(component).isTrue();
    }
  }

  @Test
  void returnsOnlyWhenTheMethodComputesOrCopiesOrReturnsAnotherFieldThenFalse() throws Exception {
    assertThat(PlainAccessors.returnsOnly(Computing.class.getMethod("label"),
        Computing.class.getDeclaredField("label"))).isFalse();
    assertThat(PlainAccessors.returnsOnly(Bean.class.getMethod("getOffices"), Bean.class.getDeclaredField("offices")))
        .isFalse();
    assertThat(PlainAccessors.returnsOnly(Bean.class.getMethod("getOther"), Bean.class.getDeclaredField("other")))
        .isFalse();
    assertThat(PlainAccessors.returnsOnly(Child.class.getMethod("getNickname"),
        Child.class.getDeclaredField("nickname"))).isFalse();
  }

  @Test
  void returnsOnlyWhenABeansGetterReturnsItsFieldThenTrue() throws Exception {
    assertThat(PlainAccessors.returnsOnly(Bean.class.getMethod("getName"), Bean.class.getDeclaredField("name")))
        .isTrue();
    assertThat(PlainAccessors.returnsOnly(Bean.class.getMethod("isActive"), Bean.class.getDeclaredField("active")))
        .isTrue();
  }

  @Test
  void returnsOnlyWhenTheFieldIsAnotherClasssThenFalse() throws Exception {
    assertThat(PlainAccessors.returnsOnly(Child.class.getMethod("getName"), Child.class.getDeclaredField("nickname")))
        .isFalse();
  }
}
