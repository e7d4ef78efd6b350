package io.dolphin.datalayer.sim;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A synthetic order-book feed for the demo, the benchmark and the tests: one Kafka record per snapshot, keyed by
 * symbol, in the format obf-ingest reads (docs/obf-ingest.md, "Input"), for a universe of (by default) 542 symbols.
 *
 * <p>Each symbol has its own price scale, tick and lot size and liquidity; its mid price walks randomly on the tick
 * grid, the spread is one to three ticks, levels are one or two ticks apart and level sizes are log-normal. Numbers
 * are written as fixed-point decimals straight into the message bytes because the benchmark offers 110,000
 * snapshots/s from the same two cores the job runs on: a general JSON writer would make the feed, not the job, the
 * bottleneck. Timestamps are the wall clock, strictly increasing per symbol, so event-to-map latency can be read
 * from {@code ts}. Not thread-safe: one thread produces.
 */
public final class OrderBookFeed implements AutoCloseable {

    /** The production universe size. */
    public static final int PRODUCTION_SYMBOLS = 542;
    /** Production cadence: one snapshot per symbol every 500 ms. */
    public static final double PRODUCTION_RATE_PER_SYMBOL = 2.0;

    private static final String[] MAJORS = {"BTC", "ETH", "BNB", "SOL", "XRP", "DOGE", "ADA", "TRX", "AVAX", "LINK",
        "DOT", "LTC", "BCH", "NEAR", "ATOM", "ETC", "FIL", "APT", "ARB", "OP", "INJ", "SUI", "SEI", "TIA", "ENJ",
        "UNI", "AAVE", "MKR", "LDO", "CRV", "1000PEPE", "1000SHIB", "1000BONK", "WIF", "FET", "RNDR", "GRT", "SAND",
        "MANA", "AXS"};

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Generator generator;
    private final Map<String, byte[]> lastProduced = new HashMap<>();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param symbolCount how many symbols (542 in production)
     * @param levels      price levels per side (10 gives messages of ~430 bytes, as in production)
     * @param seed        the same seed gives the same books
     */
    public OrderBookFeed(String bootstrapServers, String topic, int symbolCount, int levels, long seed) {
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.topic = topic;
        this.generator = new Generator(symbolCount, levels, seed);
    }

    public OrderBookFeed(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, PRODUCTION_SYMBOLS, 10, 42);
    }

    /** Plausible exchange symbols: real majors first, then generated bases, all quoted in USDT. */
    public static List<String> symbols(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count && i < MAJORS.length; i++) {
            out.add(MAJORS[i] + "USDT");
        }
        SplittableRandom r = new SplittableRandom(7);
        Set<String> seen = new HashSet<>(out);
        while (out.size() < count) {
            int len = 3 + r.nextInt(3);
            StringBuilder base = new StringBuilder();
            for (int c = 0; c < len; c++) {
                base.append((char) ('A' + r.nextInt(26)));
            }
            String symbol = base + "USDT";
            if (seen.add(symbol)) {
                out.add(symbol);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public List<String> symbols() {
        return generator.symbols();
    }

    /**
     * From now on each symbol cycles through {@code variants} books rendered ahead of time, stamped with the wall
     * clock at send time (see {@link Generator#renderAhead}): for the benchmark, where the feed shares the cores
     * with the job it measures.
     */
    public OrderBookFeed renderAhead(int variants) {
        generator.renderAhead(variants);
        return this;
    }

    /** Sends the next snapshot of the next symbol (round robin) and returns it. */
    public Generator.Message sendNext() {
        Generator.Message m = generator.next();
        send(m.symbol(), m.value());
        lastProduced.put(m.symbol(), m.value());
        return m;
    }

    /** Sends {@code count} snapshots as fast as the producer takes them. */
    public long produce(long count) {
        for (long n = 0; n < count; n++) {
            sendNext();
        }
        flush();
        return count;
    }

    /**
     * Sends at {@code perSecond} snapshots/s (round robin over the symbols) for {@code duration} or until
     * {@code stop} says so; returns how many were sent. Falls behind, rather than bursting, if the producer
     * cannot keep up, so the achieved rate is what the caller should report. Sends are spread evenly, at most 1 ms
     * worth at once: the shape the benchmark's latency figures are measured with.
     */
    public long produceAtRate(double perSecond, Duration duration, BooleanSupplier stop) {
        return produceAtRate(perSecond, duration, stop, Duration.ofNanos(200_000), Duration.ofMillis(1));
    }

    /**
     * Like {@link #produceAtRate(double, Duration, BooleanSupplier)}, but sends what is due every {@code tick}, as a
     * poller that publishes its symbols in bursts does: the demo's shape. Each burst becomes a few produce requests
     * instead of one per snapshot, which is most of what the broker and the feed cost at production rate.
     */
    public long produceInTicks(double perSecond, Duration duration, BooleanSupplier stop, Duration tick) {
        return produceAtRate(perSecond, duration, stop, tick, tick.multipliedBy(2));
    }

    private long produceAtRate(double perSecond, Duration duration, BooleanSupplier stop, Duration pause,
                               Duration maxBurst) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long pauseNanos = pause.toNanos();
        long burstCap = Math.max(1, (long) (perSecond * maxBurst.toNanos() / 1e9));
        long sent = 0;
        while (!stop.getAsBoolean()) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / 1e9 * perSecond);
            if (sent >= due) {
                LockSupport.parkNanos(pauseNanos);
                continue;
            }
            // Catch up at most maxBurst worth at once, so a stall does not turn into an unbounded burst.
            long burst = Math.min(due - sent, burstCap);
            for (long k = 0; k < burst; k++) {
                sendNext();
            }
            sent += burst;
        }
        flush();
        return sent;
    }

    /** Sends any bytes under any key: how tests put poison on the topic. */
    public void send(String key, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        produced.incrementAndGet();
    }

    public void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** A send that failed in the producer's I/O thread surfaces on the producing thread's next call. */
    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("feed could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Every record sent so far, good or not. */
    public long produced() {
        return produced.get();
    }

    /** The last message sent for each symbol by {@link #sendNext()}, as sent. */
    public Map<String, byte[]> lastProduced() {
        return Collections.unmodifiableMap(lastProduced);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Idempotence keeps each partition's records in send order even across retries: per-symbol order.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        return p;
    }

    /**
     * The snapshots themselves, without Kafka: round robin over the symbols, each message a fresh step of its
     * symbol's market (or, after {@link #renderAhead}, the next of its books rendered ahead of time).
     */
    public static final class Generator {
        private final List<String> symbols;
        private final SymbolBook[] books;
        private final SplittableRandom random;
        private final int levels;
        private int next;
        /** Per symbol, books rendered ahead with a placeholder {@code ts}; null while every book is fresh. */
        private byte[][][] rendered;

        public Generator(int symbolCount, int levels, long seed) {
            this.symbols = OrderBookFeed.symbols(symbolCount);
            this.levels = levels;
            this.random = new SplittableRandom(seed);
            this.books = new SymbolBook[symbolCount];
            for (int i = 0; i < symbolCount; i++) {
                books[i] = SymbolBook.create(symbols.get(i), random);
            }
        }

        public List<String> symbols() {
            return symbols;
        }

        /** The next symbol's next snapshot, stamped with the wall clock (strictly increasing per symbol). */
        public Message next() {
            int i = next;
            SymbolBook book = books[i];
            next = (next + 1) % books.length;
            long ts = Math.max(System.currentTimeMillis(), book.lastTs + 1);
            book.lastTs = ts;
            if (rendered == null) {
                return new Message(book.symbol, ts, book.nextMessage(random, levels, ts));
            }
            byte[][] variants = rendered[i];
            byte[] value = variants[book.nextRendered].clone();
            book.nextRendered = (book.nextRendered + 1) % variants.length;
            Ascii.writeDigits(value, book.tsOffset, TS_DIGITS, ts);
            return new Message(book.symbol, ts, value);
        }

        /**
         * Renders {@code variants} consecutive books per symbol now; {@link #next()} then sends them in turn, each
         * with the send time written into its {@code ts}. Rendering a book (20 levels of fixed-point numbers) cost
         * the feed ~1 µs a message, a tenth of a core at 110,000 snapshots/s taken from the job being measured.
         * The books a job receives are as realistic as before; a symbol's mid price repeats every
         * {@code variants} snapshots.
         */
        public void renderAhead(int variants) {
            if (variants < 1) {
                throw new IllegalArgumentException("variants must be at least 1, got " + variants);
            }
            byte[][][] out = new byte[books.length][variants][];
            for (int i = 0; i < books.length; i++) {
                for (int v = 0; v < variants; v++) {
                    out[i][v] = books[i].nextMessage(random, levels, TS_PLACEHOLDER);
                }
            }
            rendered = out;
        }

        /** One Kafka record's worth: key, exchange time and the JSON bytes. */
        public record Message(String symbol, long ts, byte[] value) {
        }
    }

    /** Epoch milliseconds have 13 digits from 2001 to 2286, so a rendered book's {@code ts} has a fixed place. */
    private static final int TS_DIGITS = 13;
    private static final long TS_PLACEHOLDER = 1_000_000_000_000L;

    /** One symbol's market: price grid, liquidity and the random-walking mid, all in integer ticks and lots. */
    private static final class SymbolBook {
        /**
         * Log-normal level-size factors (sigma 0.8, mean 1), drawn once: computing exp, log and cos for each of a
         * message's 20 levels was most of the feed's CPU, which at 110,000 snapshots/s competes with the job it
         * feeds for the same cores.
         */
        private static final double[] SIZE_FACTORS = sizeFactors(4096, new SplittableRandom(11));

        final String symbol;
        final int priceDecimals;
        final int qtyDecimals;
        final double meanLevelLots;
        long midTicks;
        long lastTs;
        /** Which of the books rendered ahead goes next. */
        int nextRendered;
        /** Where {@code ts}'s digits start in this symbol's messages, as the last one was written. */
        int tsOffset;

        private SymbolBook(String symbol, int priceDecimals, int qtyDecimals, double meanLevelLots, long midTicks) {
            this.symbol = symbol;
            this.priceDecimals = priceDecimals;
            this.qtyDecimals = qtyDecimals;
            this.meanLevelLots = meanLevelLots;
            this.midTicks = midTicks;
        }

        static SymbolBook create(String symbol, SplittableRandom r) {
            double price = symbol.startsWith("BTC") ? 84_500 : Math.pow(10, -3 + r.nextDouble() * 7);
            // Tick ~1 bp of price, as on major venues: 5 significant digits on the price.
            int priceDecimals = Math.max(0, 4 - (int) Math.floor(Math.log10(price)));
            long midTicks = Math.max(100, Math.round(price * Math.pow(10, priceDecimals)));
            int qtyDecimals = Math.max(0, Math.min(8, (int) Math.floor(Math.log10(price)) + 1));
            double levelNotional = Math.pow(10, 3 + r.nextDouble() * 2.5);
            double meanLevelLots = Math.max(1, levelNotional / price * Math.pow(10, qtyDecimals));
            return new SymbolBook(symbol, priceDecimals, qtyDecimals, meanLevelLots, midTicks);
        }

        byte[] nextMessage(SplittableRandom r, int levels, long ts) {
            midTicks = Math.max(levels * 4L + 10, midTicks + r.nextInt(-2, 3));
            long bestBid = midTicks - 1 - r.nextInt(2);
            long bestAsk = midTicks + 1 + r.nextInt(2);
            Ascii out = new Ascii(64 + levels * 48);
            out.raw("{\"symbol\":\"").raw(symbol).raw("\",\"ts\":");
            tsOffset = out.length();
            out.integer(ts).raw(",\"bids\":[");
            long p = bestBid;
            for (int i = 0; i < levels; i++) {
                level(out, i, p, r);
                p -= 1 + r.nextInt(2);
            }
            out.raw("],\"asks\":[");
            p = bestAsk;
            for (int i = 0; i < levels; i++) {
                level(out, i, p, r);
                p += 1 + r.nextInt(2);
            }
            return out.raw("]}").toBytes();
        }

        private void level(Ascii out, int i, long priceTicks, SplittableRandom r) {
            double lots = meanLevelLots * SIZE_FACTORS[r.nextInt(SIZE_FACTORS.length)];
            out.raw(i == 0 ? "[" : ",[").fixed(priceTicks, priceDecimals).raw(",")
               .fixed(Math.max(1, Math.round(lots)), qtyDecimals).raw("]");
        }

        private static double[] sizeFactors(int n, SplittableRandom r) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.exp(0.8 * gaussian(r) - 0.32);
            }
            return out;
        }

        private static double gaussian(SplittableRandom r) {
            double u = Math.max(1e-12, r.nextDouble());
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
    }

    /** A tiny ASCII builder: integers and fixed-point decimals without going through double formatting. */
    private static final class Ascii {
        private byte[] buf;
        private int len;

        Ascii(int capacity) {
            buf = new byte[capacity];
        }

        Ascii raw(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        Ascii integer(long v) {
            return fixed(v, 0);
        }

        /** {@code units × 10^-decimals} for units ≥ 0, e.g. (845001, 1) → 84500.1, (5, 3) → 0.005. */
        Ascii fixed(long units, int decimals) {
            int digits = Math.max(decimals + 1, digitCount(units));
            ensure(digits + 1);
            int end = len + digits + (decimals > 0 ? 1 : 0);
            int pos = end;
            long v = units;
            for (int d = 0; d < digits; d++) {
                if (decimals > 0 && d == decimals) {
                    buf[--pos] = '.';
                }
                buf[--pos] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len = end;
            return this;
        }

        /** Overwrites {@code digits} bytes at {@code offset} with {@code v}, zero-padded on the left. */
        static void writeDigits(byte[] buf, int offset, int digits, long v) {
            long rest = v;
            for (int pos = offset + digits - 1; pos >= offset; pos--) {
                buf[pos] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            if (rest != 0) {
                throw new IllegalArgumentException(v + " has more than " + digits + " digits");
            }
        }

        private static int digitCount(long v) {
            int n = 1;
            while (v >= 10) {
                v /= 10;
                n++;
            }
            return n;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        int length() {
            return len;
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, len);
        }
    }
}
