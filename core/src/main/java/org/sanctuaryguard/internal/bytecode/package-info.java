/** Generated accessors of records: straight-line class files defined as hidden classes. */
@NullMarked
package org.sanctuaryguard.internal.bytecode;

import org.jspecify.annotations.NullMarked;
