/** Text helpers of the implementation: suggestions for unknown identifiers, log-safe values. */
@NullMarked
package org.sanctuaryguard.internal.text;

import org.jspecify.annotations.NullMarked;
