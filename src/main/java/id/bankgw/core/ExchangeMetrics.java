package id.bankgw.core;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spi.ManagementStrategy;
import org.apache.camel.support.ExchangeHelper;

/**
 * Camel's exchange metrics (the same meters, names and tags as Camel's own notifier, which
 * {@code quarkus.camel.metrics.enable-exchange-event-notifier=false} turns off), with each meter looked up once:
 * Camel's notifier registers its timer again, and searches every meter of the registry for its last-exchange gauge,
 * on every exchange. Camel adds this bean to its event notifiers because it is one.
 */
@Singleton
@Unremovable
public class ExchangeMetrics extends MicrometerExchangeEventNotifier {

    /** What a timer's tags are made of (see the naming strategy's getTags); endpoints by URI without the query. */
    private record TimerKey(Class<?> event, String routeId, String endpoint, boolean failed) {
    }

    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicLong lastExchange = new AtomicLong();
    /** By route id: whether its exchanges are left out (a route made by a Kamelet or template, unless registered). */
    private final Map<String, Boolean> skippedRoutes = new ConcurrentHashMap<>();
    private boolean kamelets;
    private boolean templates = true;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void useQuarkusRegistry() {
        setMeterRegistry(registry);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ManagementStrategy management = getCamelContext().getManagementStrategy();
        if (management != null && management.getManagementAgent() != null) {
            kamelets = management.getManagementAgent().getRegisterRoutesCreateByKamelet();
            templates = management.getManagementAgent().getRegisterRoutesCreateByTemplate();
        }
    }

    /**
     * As Camel's notifier decides, but whether a route's exchanges are measured is decided once per route: Camel's
     * looks the route up by id, copying the list of every route, for each event.
     */
    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeEvent exchangeEvent) || skipped(exchangeEvent)
                || getIgnoreExchanges().test(exchangeEvent.getExchange())) {
            return;
        }
        if (event instanceof ExchangeCreatedEvent created) {
            handleCreatedEvent(created);
        } else if (event instanceof ExchangeSentEvent sent) {
            handleSentEvent(sent);
        } else if (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent) {
            handleDoneEvent(exchangeEvent);
        }
    }

    private boolean skipped(ExchangeEvent event) {
        Exchange exchange = event.getExchange();
        String routeId = event instanceof ExchangeCreatedEvent ? exchange.getFromRouteId() : ExchangeHelper.getAtRouteId(exchange);
        if (routeId == null) {
            return false;
        }
        return skippedRoutes.computeIfAbsent(routeId, id -> {
            Route route = exchange.getContext().getRoute(id);
            return route != null && ((route.isCreatedByKamelet() && !kamelets) || (route.isCreatedByRouteTemplate() && !templates));
        });
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Gauge.builder(MicrometerConstants.CAMEL_EXCHANGE_LAST_TIME_METER_NAME, lastExchange, AtomicLong::get)
                .description("Last exchange processed time in milliseconds since the Unix epoch")
                .register(getMeterRegistry());
    }

    @Override
    protected void handleSentEvent(ExchangeSentEvent event) {
        timer(event, event.getEndpoint(), "Time taken to send message to the endpoint")
                .record(event.getTimeTaken(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handleDoneEvent(ExchangeEvent event) {
        Endpoint from = event.getExchange().getFromEndpoint();
        String name = getNamingStrategy().getName(event.getExchange(), from);
        Timer.Sample sample = (Timer.Sample) event.getExchange().removeProperty("eventTimer:" + name);
        if (sample != null) {
            sample.stop(timer(event, from, null));
        }
        lastExchange.set(System.currentTimeMillis());
    }

    private Timer timer(ExchangeEvent event, Endpoint endpoint, String description) {
        String uri = endpoint == null ? "" : endpoint.getEndpointUri();
        int query = uri.indexOf('?');
        TimerKey key = new TimerKey(event.getClass(), event.getExchange().getFromRouteId(),
                query < 0 ? uri : uri.substring(0, query), event.getExchange().isFailed());
        return timers.computeIfAbsent(key, k -> Timer.builder(getNamingStrategy().getName(event.getExchange(), endpoint))
                .tags(getNamingStrategy().getTags(event, endpoint))
                .description(description)
                .register(getMeterRegistry()));
    }
}
