package id.bankgw.bus;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/**
 * Scheduled synchronisations: {@code bank.sync.*}; each has a cron schedule and can be switched off. Every value is
 * in application.properties (ConfigKeysTest).
 */
@ConfigMapping(prefix = "bank.sync")
public interface SyncConfig {

    FxRates fxRates();

    Statement statement();

    Briva briva();

    Pending pending();

    /** The pending sweeper's schedule; how often and how long it asks is the resolver's (bank.status-checks.*). */
    interface Pending extends Schedule {
    }

    /** Every synchronisation: whether its schedule runs, and when (Quartz cron). */
    interface Schedule {
        boolean enabled();

        String cron();
    }

    interface FxRates extends Schedule {
        /** Currency pairs as DEALT-COUNTER, e.g. USD-IDR. */
        List<String> pairs();
    }

    interface Statement extends Schedule {
        /** Bank Raya accounts whose new statement lines are published. */
        List<String> accounts();

        /** How far back the first synchronisation of an account starts. */
        int initialDays();
    }

    interface Briva extends Schedule {
        String institutionCode();

        List<String> brivaNumbers();
    }
}
