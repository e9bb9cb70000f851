/**
 * The command line of Sanctuary Guard, for counsel without a Java project: {@link
 * org.sanctuaryguard.cli.Main} runs scenario files and explains policy packs. Everything else in
 * the package is private to it.
 *
 * @since 0.1.0
 */
@NullMarked
package org.sanctuaryguard.cli;

import org.jspecify.annotations.NullMarked;
