package org.sanctuaryguard.examples.city;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The residents' records, in the service's embedded database. Thread-safe. */
@Repository
class Residents {

  private static final String SELECT = "SELECT id, name, date_of_birth, alien_number, immigration_status,"
      + " place_of_birth, home_address, shelter, phone, benefits, sealed_record, next_court_date, program, borough,"
      + " case_opened FROM resident";

  private final JdbcClient jdbc;

  Residents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Resident> find(String id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(Resident.class).optional();
  }

  /** Returns the resident with that id, or throws {@link UnknownResidentException}. */
  Resident get(String id) {
    return find(id).orElseThrow(() -> new UnknownResidentException(id));
  }

  List<Resident> all() {
    return jdbc.sql(SELECT + " ORDER BY id").query(Resident.class).list();
  }

  /** Thrown for a case number the agency does not hold; its message names only the number asked for. */
  static final class UnknownResidentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownResidentException(String id) {
      super("no resident with case number '" + Problems.echo(id) + "'");
    }
  }
}
