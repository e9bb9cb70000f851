/**
 * A city service guarded by the adapter, its real embedded server, a loopback HTTP server that
 * records what the service sends, and the tests of every inbound and outbound path against them.
 */
@NullMarked
package org.sanctuaryguard.spring.city;

import org.jspecify.annotations.NullMarked;
