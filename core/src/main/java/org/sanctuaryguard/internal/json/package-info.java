/** Strict reading of JSON documents: every problem names its place and field, none stops the rest. */
@NullMarked
package org.sanctuaryguard.internal.json;

import org.jspecify.annotations.NullMarked;
