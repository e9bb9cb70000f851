/** File helpers of the implementation: reads capped in size. */
@NullMarked
package org.sanctuaryguard.internal.io;

import org.jspecify.annotations.NullMarked;
