package org.sanctuaryguard.audit;

import java.util.List;
import org.sanctuaryguard.internal.text.LogSafe;

/**
 * Renders a report's tables as Markdown, CSV or HTML. Every cell is first made log-safe (control
 * characters escaped, overlong values cut), then escaped for the format, so that no value read
 * from a log can break a table, add a line, or inject markup or a spreadsheet formula.
 */
final class ReportTables {

  /** One section of a report: an id (the CSV's first column), a title, a sentence, a table. */
  record Table(String id, String title, String note, List<String> columns, List<List<String>> rows) {

    Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  private ReportTables() {}

  static String markdown(String title, List<Table> tables) {
    StringBuilder out = new StringBuilder("# ").append(markdownText(title)).append("\n");
    for (Table table : tables) {
      out.append("\n## ").append(markdownText(table.title())).append("\n\n");
      if (!table.note().isEmpty()) {
        out.append(markdownText(table.note())).append("\n\n");
      }
      if (table.rows().isEmpty()) {
        out.append("None.\n");
        continue;
      }
      markdownRow(out, table.columns());
      out.append('|');
      table.columns().forEach(column -> out.append(" --- |"));
      out.append('\n');
      table.rows().forEach(row -> markdownRow(out, row));
    }
    return out.toString();
  }

  private static void markdownRow(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(markdownText(cell)).append(" |");
    }
    out.append('\n');
  }

  /** Escapes what Markdown would read as a table border, a line break, markup or HTML. */
  static String markdownText(String value) {
    String safe = LogSafe.escape(value);
    StringBuilder out = new StringBuilder(safe.length() + 8);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      if ("\\|`*_[]<>&#!~".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Renders the tables as one CSV file (RFC 4180): each table starts with its header row, whose
   * first cell is {@code section}, and each of its rows starts with the table's id.
   */
  static String csv(List<Table> tables) {
    StringBuilder out = new StringBuilder();
    for (Table table : tables) {
      csvRow(out, "section", table.columns());
      table.rows().forEach(row -> csvRow(out, table.id(), row));
    }
    return out.toString();
  }

  private static void csvRow(StringBuilder out, String first, List<String> cells) {
    out.append(csvCell(first));
    cells.forEach(cell -> out.append(',').append(csvCell(cell)));
    out.append("\r\n");
  }

  /** Quotes a cell, and keeps a spreadsheet from reading it as a formula (CWE-1236). */
  static String csvCell(String value) {
    String safe = LogSafe.escape(value);
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0 && !safe.matches("-?\\d+")) {
      safe = "'" + safe;
    }
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  static String html(String title, List<Table> tables) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(htmlText(title)).append("</title>\n")
        .append("<style>body{font-family:sans-serif}table{border-collapse:collapse}"
            + "th,td{border:1px solid #999;padding:2px 6px;text-align:left}</style>\n")
        .append("</head>\n<body>\n<h1>").append(htmlText(title)).append("</h1>\n");
    for (Table table : tables) {
      out.append("<h2 id=\"").append(htmlText(table.id())).append("\">").append(htmlText(table.title())).append("</h2>\n");
      if (!table.note().isEmpty()) {
        out.append("<p>").append(htmlText(table.note())).append("</p>\n");
      }
      if (table.rows().isEmpty()) {
        out.append("<p>None.</p>\n");
        continue;
      }
      out.append("<table>\n<thead><tr>");
      table.columns().forEach(column -> out.append("<th>").append(htmlText(column)).append("</th>"));
      out.append("</tr></thead>\n<tbody>\n");
      for (List<String> row : table.rows()) {
        out.append("<tr>");
        row.forEach(cell -> out.append("<td>").append(htmlText(cell)).append("</td>"));
        out.append("</tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }
    return out.append("</body>\n</html>\n").toString();
  }

  /** Escapes text for an HTML element or a quoted attribute. */
  static String htmlText(String value) {
    String safe = LogSafe.escape(value);
    StringBuilder out = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
