package org.sanctuaryguard.redaction;

import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;

/** Loaded by a throwaway class loader in {@link ClassUnloadingTest}; nothing else refers to it. */
public record Unloadable(@SubjectId String id, @Protected("identity.name") String name,
    @Protected("immigration.status") String status, String office) {}
