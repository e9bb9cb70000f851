/**
 * The guard log: a tamper-evident, hash-chained JSON Lines audit sink with signed checkpoints, and
 * the tools security reviewers use on it (verification and periodic reports).
 */
@NullMarked
package org.sanctuaryguard.audit;

import org.jspecify.annotations.NullMarked;
