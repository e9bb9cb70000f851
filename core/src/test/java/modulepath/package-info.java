/** A probe of the core as a named module, run from the class path. */
@NullMarked
package modulepath;

import org.jspecify.annotations.NullMarked;
