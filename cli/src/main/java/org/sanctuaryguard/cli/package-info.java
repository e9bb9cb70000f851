/**
 * The command line of Sanctuary Guard, for counsel and security reviewers without a Java project:
 * {@link org.sanctuaryguard.cli.Main} runs scenario files, explains policy packs, verifies guard
 * logs and reports on them. Everything else in the package is private to it.
 *
 * @since 0.1.0
 */
@NullMarked
package org.sanctuaryguard.cli;

import org.jspecify.annotations.NullMarked;
