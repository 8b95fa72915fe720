package id.bankgw.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests received per path: the witness for "no bank call was made". Every request that reaches the sandbox's
 * port is also kept (the latest {@value #KEPT}) as it arrived, including those no simulated operation serves, so a
 * test can see a call to a path that no document lists, and the headers a bank was sent.
 */
public class SandboxTraffic {

    static final int KEPT = 2000;

    /** One request as it arrived: method, raw path and query, header names in lower case. */
    public record Received(long seq, String method, String uri, Map<String, String> headers) {
    }

    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final Deque<Received> received = new ArrayDeque<>();
    private long seq;

    void count(String path) {
        perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    synchronized void received(String method, String uri, Map<String, String> headers) {
        received.addLast(new Received(++seq, method, uri, Map.copyOf(headers)));
        if (received.size() > KEPT) {
            received.removeFirst();
        }
    }

    public int requests(String path) {
        AtomicInteger n = perPath.get(path);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        perPath.forEach((path, n) -> copy.put(path, n.get()));
        return copy;
    }

    /** A mark for {@link #since}: the number of the latest request received. */
    public synchronized long mark() {
        return seq;
    }

    /** The requests received after the mark, oldest first. */
    public synchronized List<Received> since(long mark) {
        return received.stream().filter(r -> r.seq() > mark).toList();
    }
}
