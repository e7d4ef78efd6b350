package io.dolphin.datalayer.sim;

import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import io.dolphin.datalayer.obf.OrderBookSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookFeedGeneratorTest {

    @Test
    void fresh_books_are_valid_snapshots_with_strictly_increasing_ts_per_symbol() {
        assertValidAndIncreasing(new OrderBookFeed.Generator(20, 10, 3), 2_000);
    }

    @Test
    void books_rendered_ahead_carry_the_send_time_and_stay_valid() {
        OrderBookFeed.Generator generator = new OrderBookFeed.Generator(20, 10, 3);
        generator.renderAhead(4);
        long before = System.currentTimeMillis();

        Map<String, Set<String>> bodies = assertValidAndIncreasing(generator, 2_000);

        OrderBookFeed.Generator.Message m = generator.next();
        assertTrue(m.ts() >= before, "ts is the send time");
        assertTrue(new String(m.value()).contains("\"ts\":" + m.ts() + ","), new String(m.value()));
        // Each symbol cycles through its 4 books: the same levels, other times.
        assertEquals(20, bodies.size());
        bodies.forEach((symbol, b) -> assertEquals(4, b.size(), symbol));
    }

    @Test
    void rendering_ahead_needs_at_least_one_variant() {
        assertThrows(IllegalArgumentException.class, () -> new OrderBookFeed.Generator(2, 10, 3).renderAhead(0));
    }

    /** Decodes {@code n} messages; returns each symbol's distinct books without their ts. */
    private static Map<String, Set<String>> assertValidAndIncreasing(OrderBookFeed.Generator generator, int n) {
        Map<String, Long> lastTs = new HashMap<>();
        Map<String, Set<String>> bodies = new HashMap<>();
        for (int i = 0; i < n; i++) {
            OrderBookFeed.Generator.Message m = generator.next();
            OrderBookSnapshot book = OrderBookSnapshotCodec.decode(m.value());
            assertEquals(m.symbol(), book.symbol());
            assertEquals(m.ts(), book.ts());
            Long previous = lastTs.put(m.symbol(), m.ts());
            if (previous != null) {
                assertTrue(m.ts() > previous, m.symbol() + ": " + m.ts() + " after " + previous);
            }
            String json = new String(m.value());
            bodies.computeIfAbsent(m.symbol(), s -> new HashSet<>())
                  .add(json.substring(json.indexOf("\"bids\"")));
        }
        return bodies;
    }
}
