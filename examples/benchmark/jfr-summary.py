#!/usr/bin/env python3
"""Summarises the jdk.ExecutionSample events of a JFR recording (output of `jfr print --stack-depth 64`).

    jfr print --stack-depth 64 --events jdk.ExecutionSample rec.jfr | jfr-summary.py [top]

Prints: samples per thread (pool names with their numbers folded), top methods by self samples (the top frame),
top package prefixes of the top frame (first three segments, four for org.apache.camel / org.apache.activemq /
io.micrometer / io.quarkus / io.vertx / java.util.regex), and the share of samples whose stack passes through each
of the issue-13 suspects (inclusive: a sample counts once per suspect), with the callers of its outermost frame.
"""
import re
import sys
from collections import Counter

TOP = int(sys.argv[1]) if len(sys.argv) > 1 else 20
FRAME = re.compile(r'^\s+([\w$.<>\[\]]+)\(.*\)\s+line:')
THREAD = re.compile(r'sampledThread = "(.*)" \(javaThreadId')
DEEP = ("org.apache.camel", "org.apache.activemq", "io.micrometer", "io.quarkus", "io.vertx", "io.netty",
        "java.util.regex", "com.fasterxml.jackson", "org.apache.http", "org.apache.hc", "id.bankgw", "java.util.concurrent")
SUSPECTS = [  # (label, predicate over one frame); a sample counts when any frame of its stack matches
    ("Camel type converter (any)", lambda x: x.startswith(("org.apache.camel.impl.converter", "org.apache.camel.spi.TypeConvertible",
                                                           "org.apache.camel.spi.BulkTypeConverters", "org.apache.camel.support.SimpleTypeConverter"))
     or (x.startswith("org.apache.camel") and ".converter." in x)),
    ("Camel type-converter miss: registry scan (CoreTypeConverterRegistry.doLookup / TypeResolverHelper)",
     lambda x: x.startswith(("org.apache.camel.impl.converter.TypeResolverHelper", "org.apache.camel.impl.converter.CoreTypeConverterRegistry.doLookup"))),
    ("Micrometer (any)", lambda x: x.startswith("io.micrometer")),
    ("Micrometer meter search (Search.*, MeterRegistry.getMeters)", lambda x: x.startswith(("io.micrometer.core.instrument.search.Search", "io.micrometer.core.instrument.MeterRegistry.getMeters"))),
    ("Micrometer meter registration/lookup (Builder.register, registerMeterIfNecessary, Tags.of)",
     lambda x: x.startswith(("io.micrometer.core.instrument.MeterRegistry.registerMeterIfNecessary", "io.micrometer.core.instrument.Tags.of",
                             "io.micrometer.core.instrument.Tags.and")) or (x.startswith("io.micrometer") and "Builder.register" in x)),
    ("java.util.regex (any)", lambda x: x.startswith("java.util.regex")),
    ("Pattern.compile", lambda x: x.startswith(("java.util.regex.Pattern.compile", "java.util.regex.Pattern.<init>"))),
    ("javax.crypto.Mac.getInstance", lambda x: x.startswith("javax.crypto.Mac.getInstance")),
    ("javax.crypto / java.security / sun.security (any)", lambda x: x.startswith(("javax.crypto", "java.security", "sun.security"))),
    ("Artemis (any)", lambda x: x.startswith("org.apache.activemq")),
    ("Artemis session/consumer/connection create or close",
     lambda x: x.startswith("org.apache.activemq") and any(k in x for k in ("createSession", "createConnection", "createConsumer", "handleCreateSession",
                                                                              "handleCreateConsumer", "openTransportConnection", ".close", "internalClose",
                                                                              "connectionDestroyed", "ServerConsumerImpl.<init>", "ClientSessionImpl.<init>"))),
    ("Spring JMS listener container", lambda x: x.startswith("org.springframework.jms")),
    ("Jackson (any)", lambda x: x.startswith("com.fasterxml.jackson")),
    ("logging (JBoss LogManager, redacting filter)", lambda x: x.startswith("org.jboss.logmanager") or "Redact" in x),
    ("Apache HttpClient 5", lambda x: x.startswith(("org.apache.hc", "org.apache.http"))),
    ("Camel simple language / YAML DSL", lambda x: x.startswith(("org.apache.camel.language.simple", "org.apache.camel.dsl.yaml"))),
    ("Camel message history / tracing", lambda x: x.startswith("org.apache.camel") and ("MessageHistory" in x or "Tracer" in x or "Backlog" in x)),
    ("reflection (Method.invoke, getMethod)", lambda x: x.startswith(("java.lang.reflect", "jdk.internal.reflect", "java.lang.Class.getMethod", "java.lang.Class.getDeclared"))),
    ("bean validation (hibernate.validator)", lambda x: x.startswith("org.hibernate.validator")),
    ("H2 / JDBC / Agroal", lambda x: x.startswith(("org.h2", "io.agroal"))),
    ("exceptions created (Throwable.<init>)", lambda x: x.startswith(("java.lang.Throwable.fillInStackTrace", "java.lang.Throwable.<init>"))),
    ("project code id.bankgw (any)", lambda x: x.startswith("id.bankgw")),
]


def prefix(method):
    parts = method.split(".")
    pkg = [p for p in parts[:-2]]  # drop Class.method
    n = 4 if any(method.startswith(d) for d in DEEP) else 3
    return ".".join(pkg[:n]) or method


def thread_group(name):
    return re.sub(r"\d+", "N", name)


samples, thread, frames, inside = [], None, [], False
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        thread, frames, inside = None, [], False
    m = THREAD.search(line)
    if m:
        thread = m.group(1)
    if "stackTrace = [" in line:
        inside = True
        continue
    if inside:
        if line.strip() == "]":
            inside = False
            samples.append((thread or "?", frames))
            continue
        fm = FRAME.match(line)
        if fm:
            frames.append(fm.group(1))

total = len(samples)
if not total:
    sys.exit("no jdk.ExecutionSample events")
print(f"samples: {total}")


def show(title, counter, n=TOP):
    print(f"\n## {title}")
    for k, v in counter.most_common(n):
        print(f"{100.0 * v / total:6.1f} %  {v:6d}  {k}")


show("threads (pool numbers folded)", Counter(thread_group(t) for t, _ in samples), 15)
show("top methods, self samples", Counter(f[0] for _, f in samples if f))
show("top package prefixes, self samples", Counter(prefix(f[0]) for _, f in samples if f))
print("\n## issue-13 suspects, inclusive (share of samples whose stack passes through it); top callers of its outermost frame")
for label, pred in SUSPECTS:
    callers = Counter()
    for _, f in samples:
        idx = [i for i, x in enumerate(f) if pred(x)]
        if idx:
            j = idx[-1]
            callers[f"{f[j]} <- {f[j + 1] if j + 1 < len(f) else '(root)'}"] += 1
    v = sum(callers.values())
    print(f"{100.0 * v / total:6.1f} %  {v:6d}  {label}")
    if not label.endswith("(any)"):
        for k, c in callers.most_common(3):
            print(f"{'':18}{c:6d}  {k}")
