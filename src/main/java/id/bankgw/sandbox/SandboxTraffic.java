package id.bankgw.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests received per path: the witness for "no bank call was made". */
@ApplicationScoped
public class SandboxTraffic {

    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();

    void count(String path) {
        perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
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
}
