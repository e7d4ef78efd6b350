package io.dolphin.datalayer.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.obf.ObfIngestJob;
import io.dolphin.datalayer.obf.ObfIngestSettings;
import io.dolphin.datalayer.obf.OrderBookFeatureCalculator;
import io.dolphin.datalayer.obf.OrderBookFeaturesCodec;
import io.dolphin.datalayer.obf.OrderBookSnapshot;
import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import io.dolphin.datalayer.sim.OrderBookFeed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code obf-decode}: the micro-benchmark beside {@code obf-ingest}, one thread, no broker and no member: what one
 * order book costs to decode, and to turn into its hot value, in nanoseconds. The books are the feed's (542 symbols,
 * 10 levels a side, 16 each, ~430 bytes). Each figure is the median of {@value #SAMPLES} timed passes of at least
 * {@value #PASS_MILLIS} ms, after {@value #WARMUP_MILLIS} ms of the same work (the JIT compiles it there); every
 * result feeds a checksum that is printed, so the compiler cannot drop the work. Lower is better: a ratio below 1 is
 * cheaper than its baseline.
 * <ul>
 *   <li><b>decode</b> ({@code OrderBookSnapshotCodec.decode}: parse and validate into primitive arrays) against
 *       the peer's parse (jackson-jr databinding into maps and lists, {@link FirstTryObfPipeline#parse}) and against
 *       the limit of a streaming parse, jackson-core reading every token and converting no number;</li>
 *   <li><b>per book</b>: decode, features and the encoded hot value, the job's CPU per book outside Jet and the
 *       map.</li>
 * </ul>
 */
final class ObfDecodeBenchmark implements Benchmark {

    private static final int SAMPLES = 5;
    private static final long WARMUP_MILLIS = 2_000;
    private static final long PASS_MILLIS = 300;
    private static final JsonFactory PLAIN = new JsonFactory();

    private byte[][] books;

    @Override
    public String name() {
        return "obf-decode";
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) {
        if (books == null) {
            OrderBookFeed.Generator generator = new OrderBookFeed.Generator(542, 10, 42);
            books = new byte[542 * 16][];
            for (int i = 0; i < books.length; i++) {
                books[i] = generator.next().value();
            }
        }
        OrderBookFeatureCalculator calculator = new OrderBookFeatureCalculator(
                ObfIngestSettings.from(JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID)).features());
        OrderBookFeaturesCodec codec = new OrderBookFeaturesCodec();
        double decode = nanosPerBook(b -> checksum(OrderBookSnapshotCodec.decode(b)));
        double peer = nanosPerBook(b -> checksum(FirstTryObfPipeline.parse(b)));
        double tokens = nanosPerBook(ObfDecodeBenchmark::tokensOnly);
        double perBook = nanosPerBook(b -> codec.encode(calculator.compute(OrderBookSnapshotCodec.decode(b))).length());
        return List.of(
                new BenchFigure(name(), "decode ns/book vs peer", decode, "ns",
                        "jackson-jr databinding (the peer's parse)", peer, "(lower is better)"),
                new BenchFigure(name(), "decode ns/book vs limit", decode, "ns",
                        "jackson-core tokens only, no number converted", tokens, "(lower is better)"),
                new BenchFigure(name(), "decode + features + encode ns/book", perBook, "ns",
                        "decode alone", decode, "(context)"));
    }

    /** Median ns per book over the samples; prints the checksum so the work stays observable. */
    private double nanosPerBook(ToLongFunction<byte[]> work) {
        long sink = pass(work, WARMUP_MILLIS)[1];
        double[] perBook = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long start = System.nanoTime();
            long[] r = pass(work, PASS_MILLIS);
            perBook[s] = (System.nanoTime() - start) / (double) r[0];
            sink += r[1];
        }
        if (sink == 42) {
            System.out.println("checksum " + sink);
        }
        Arrays.sort(perBook);
        return perBook[SAMPLES / 2];
    }

    /** {books done, checksum} after at least {@code millis} of whole passes over the books. */
    private long[] pass(ToLongFunction<byte[]> work, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long done = 0;
        long sum = 0;
        do {
            for (byte[] b : books) {
                sum += work.applyAsLong(b);
            }
            done += books.length;
        } while (System.nanoTime() < end);
        return new long[] {done, sum};
    }

    private static long checksum(OrderBookSnapshot book) {
        return book.ts() + book.bidLevels() + (long) book.bestAsk();
    }

    private static long tokensOnly(byte[] json) {
        try (JsonParser p = PLAIN.createParser(json)) {
            long n = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                n += t.id();
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
