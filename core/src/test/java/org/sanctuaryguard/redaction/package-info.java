/** Tests of protected fields and redaction, from outside the API package. */
@NullMarked
package org.sanctuaryguard.redaction;

import org.jspecify.annotations.NullMarked;
