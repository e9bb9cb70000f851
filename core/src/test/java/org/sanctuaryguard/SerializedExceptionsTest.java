package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializedExceptionsTest {

  @Test
  void deserializeWhenAnExceptionWithListsWasSerializedThenItKeepsItsMessageAndHasEmptyLists() throws Exception {
    PolicyFormatException format = new PolicyFormatException(
        List.of(new Problem("city.json", "rules[0]", "id", "is missing")));
    UnknownIdentifierException unknown = new UnknownIdentifierException("recipient", "ice-er", List.of("ice-ero"));

    PolicyFormatException formatAgain = roundTrip(format);
    UnknownIdentifierException unknownAgain = roundTrip(unknown);

    assertThat(formatAgain).hasMessage(format.getMessage());
    assertThat(formatAgain.problems()).isEmpty();
    assertThat(unknownAgain).hasMessage(unknown.getMessage()).hasMessageContaining("ice-ero");
    assertThat(unknownAgain.suggestions()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T exception) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(exception);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
