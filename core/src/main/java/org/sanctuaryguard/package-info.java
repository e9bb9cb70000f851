/**
 * The guard's vocabulary and model: data categories, recipients, purposes, holders, legal bases,
 * disclosure requests and decisions, and the policy that decides them.
 */
@NullMarked
package org.sanctuaryguard;

import org.jspecify.annotations.NullMarked;
