package org.kyphoplasty.common;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

/** The service's notion of today, for "not in the future" rules, in the server's time zone. */
@ApplicationScoped
public class Today {

    private final Clock clock = Clock.systemDefaultZone();

    public LocalDate date() {
        return LocalDate.now(clock);
    }
}
