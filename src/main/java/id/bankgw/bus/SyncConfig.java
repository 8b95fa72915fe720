package id.bankgw.bus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Scheduled synchronisations: {@code bank.sync.*}; each has a cron schedule and can be switched off. */
@ConfigMapping(prefix = "bank.sync")
public interface SyncConfig {

    FxRates fxRates();

    Statement statement();

    Briva briva();

    Pending pending();

    interface Pending extends Schedule {
        /** Checks of a transaction sent outside a batch before it is flagged for an operator. */
        @WithDefault("20")
        int maxChecks();
    }

    /** Every synchronisation: whether its schedule runs, and when (Quartz cron). */
    interface Schedule {
        @WithDefault("true")
        boolean enabled();

        String cron();
    }

    interface FxRates extends Schedule {
        /** Currency pairs as DEALT-COUNTER, e.g. USD-IDR. */
        @WithDefault("USD-IDR")
        List<String> pairs();
    }

    interface Statement extends Schedule {
        /** Bank Raya accounts whose new statement lines are published. */
        @WithDefault("001001000060300")
        List<String> accounts();

        /** How far back the first synchronisation of an account starts. */
        @WithDefault("7")
        int initialDays();
    }

    interface Briva extends Schedule {
        @WithDefault("J104408")
        String institutionCode();

        @WithDefault("77777")
        List<String> brivaNumbers();
    }
}
