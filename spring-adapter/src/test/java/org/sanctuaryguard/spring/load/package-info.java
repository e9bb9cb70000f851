/** A load test on loopback of a JSON endpoint served with and without the adapter. */
@NullMarked
package org.sanctuaryguard.spring.load;

import org.jspecify.annotations.NullMarked;
