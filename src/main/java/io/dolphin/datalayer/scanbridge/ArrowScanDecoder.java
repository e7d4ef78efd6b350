package io.dolphin.datalayer.scanbridge;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one scanner file (Arrow IPC file or stream format, docs/scan-bridge.md "Input") and decides whether it is complete.
 *
 * <p><b>Completeness.</b> A file counts as complete only when its own framing says the writer finished it:
 * <ul>
 *   <li>file format: it starts with {@code ARROW1}, ends with the {@code ARROW1} trailer, and the footer and every
 *       record batch it lists read back;</li>
 *   <li>stream format: the reader reaches the end-of-stream marker ({@code 0xFFFFFFFF 0x00000000}) as a message
 *       header, exactly at the last byte. A stream cut at a message boundary, or whose last body bytes happen to
 *       look like the marker, is not complete.</li>
 * </ul>
 * Anything short of that is {@link ScanFileException.Kind#INCOMPLETE}; content errors in a complete file are
 * {@link ScanFileException.Kind#INVALID}. The byte array is one consistent read of the file, so a file that grows
 * while it is parsed is simply seen again later.
 *
 * <p>One decoder owns one root allocator; close it when the source stops.
 */
public final class ArrowScanDecoder implements AutoCloseable {

    private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    private static final byte[] CONTINUATION = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};
    /** A corrupt length field must not make the reader allocate gigabytes. */
    private static final long MIN_ALLOCATION_LIMIT = 64L << 20;

    private final BufferAllocator root = new RootAllocator();
    private final ScanAssembler assembler;

    /** @param targetAsset the asset the trader trades, written as {@code target_asset} and {@code result.asset} */
    public ArrowScanDecoder(String targetAsset) {
        this.assembler = new ScanAssembler(targetAsset);
    }

    /**
     * @param content    the whole file as read in one go
     * @param sourceFile the file's path relative to the scan root, recorded in {@code _ng7_metadata.source_file}
     * @param fileMtime  the file's last-modified time in epoch seconds, or null
     */
    public EigenScan decode(byte[] content, String sourceFile, Double fileMtime) throws ScanFileException {
        return assembler.assemble(read(content), sourceFile, fileMtime);
    }

    /** Structure only: the columns and rows of a complete file, or why it is not (yet) one. */
    RawTable read(byte[] b) throws ScanFileException {
        if (b.length == 0) {
            throw ScanFileException.incomplete("empty file (0 bytes)");
        }
        if (startsWith(b, FILE_MAGIC)) {
            return readFileFormat(b);
        }
        if (startsWith(b, CONTINUATION)) {
            return readStreamFormat(b);
        }
        if (b.length < FILE_MAGIC.length && (isPrefix(b, FILE_MAGIC) || isPrefix(b, CONTINUATION))) {
            throw ScanFileException.incomplete("truncated Arrow IPC file: only " + b.length + " bytes");
        }
        throw ScanFileException.incomplete("not an Arrow IPC file or stream: " + b.length + " bytes starting with "
                + hex(b, 16));
    }

    private RawTable readFileFormat(byte[] b) throws ScanFileException {
        if (b.length < 2 * FILE_MAGIC.length + 4 || !endsWith(b, FILE_MAGIC)) {
            throw ScanFileException.incomplete("truncated Arrow IPC file: " + b.length
                    + " bytes and no ARROW1 trailer (still being written, or cut short)");
        }
        try (BufferAllocator allocator = child(b);
             ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(b), allocator)) {
            VectorSchemaRoot vsr;
            List<ArrowBlock> blocks;
            Map<String, String> metadata = new LinkedHashMap<>();
            try {
                vsr = reader.getVectorSchemaRoot();
                blocks = reader.getRecordBlocks();
                putAll(metadata, vsr.getSchema().getCustomMetadata());
                putAll(metadata, reader.getMetaData());
            } catch (IOException | RuntimeException e) {
                throw new ScanFileException(ScanFileException.Kind.INCOMPLETE,
                        "truncated or corrupt Arrow IPC file (footer unreadable): " + message(e), e);
            }
            RawTable table = new RawTable(vsr.getSchema().getFields(), metadata);
            for (int i = 0; i < blocks.size(); i++) {
                try {
                    reader.loadRecordBatch(blocks.get(i));
                } catch (IOException | RuntimeException e) {
                    throw new ScanFileException(ScanFileException.Kind.INVALID,
                            "corrupt Arrow IPC file: record batch " + i + " unreadable: " + message(e), e);
                }
                table.append(vsr);
            }
            return table;
        } catch (IOException | RuntimeException e) {
            throw new ScanFileException(ScanFileException.Kind.INVALID, "Arrow IPC file unreadable: " + message(e), e);
        }
    }

    private RawTable readStreamFormat(byte[] b) throws ScanFileException {
        if (!endsWith(b, END_OF_STREAM)) {
            throw ScanFileException.incomplete("truncated Arrow IPC stream: " + b.length
                    + " bytes and no end-of-stream marker (still being written, or cut short)");
        }
        try (BufferAllocator allocator = child(b);
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayReadableSeekableByteChannel(b), allocator)) {
            try {
                VectorSchemaRoot vsr = reader.getVectorSchemaRoot();
                RawTable table = new RawTable(vsr.getSchema().getFields(), copy(vsr.getSchema().getCustomMetadata()));
                long endOfLastMessage = reader.bytesRead();
                while (reader.loadNextBatch()) {
                    table.append(vsr);
                    endOfLastMessage = reader.bytesRead();
                }
                // The reader also stops at a bare end of input; only a marker read as a message header counts.
                long end = reader.bytesRead();
                if (end != b.length || end - endOfLastMessage != END_OF_STREAM.length) {
                    throw ScanFileException.incomplete("truncated Arrow IPC stream: the stream ends after "
                            + endOfLastMessage + " of " + b.length + " bytes without an end-of-stream message");
                }
                return table;
            } catch (IOException | RuntimeException e) {
                throw new ScanFileException(ScanFileException.Kind.INCOMPLETE,
                        "truncated or corrupt Arrow IPC stream: " + message(e), e);
            }
        } catch (IOException | RuntimeException e) {
            throw new ScanFileException(ScanFileException.Kind.INVALID, "Arrow IPC stream unreadable: " + message(e), e);
        }
    }

    private BufferAllocator child(byte[] b) {
        return root.newChildAllocator("scan-file", 0, Math.max(MIN_ALLOCATION_LIMIT, 16L * b.length));
    }

    @Override
    public void close() {
        root.close();
    }

    /** Columns as plain Java values across every record batch, plus schema and footer metadata. */
    static final class RawTable {
        final List<Field> fields;
        final Map<String, String> metadata;
        final Map<String, List<Object>> columns = new LinkedHashMap<>();
        int rows;

        RawTable(List<Field> fields, Map<String, String> metadata) {
            this.fields = List.copyOf(fields);
            this.metadata = metadata;
            for (Field f : fields) {
                columns.putIfAbsent(f.getName(), new ArrayList<>());
            }
        }

        void append(VectorSchemaRoot vsr) {
            int n = vsr.getRowCount();
            for (FieldVector v : vsr.getFieldVectors()) {
                List<Object> values = columns.get(v.getField().getName());
                for (int i = 0; i < n; i++) {
                    values.add(ArrowColumns.value(v, i));
                }
            }
            rows += n;
        }

        ArrowType typeOf(String column) {
            for (Field f : fields) {
                if (f.getName().equals(column)) {
                    return f.getType();
                }
            }
            return null;
        }
    }

    private static Map<String, String> copy(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        putAll(out, m);
        return out;
    }

    private static void putAll(Map<String, String> into, Map<String, String> from) {
        if (from != null) {
            from.forEach(into::putIfAbsent);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && isPrefix(prefix, b);
    }

    /** True when the first {@code min(a, b)} bytes agree. */
    private static boolean isPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(byte[] b, byte[] suffix) {
        if (b.length < suffix.length) {
            return false;
        }
        int offset = b.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (b[offset + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            sb.append(String.format("%02x ", b[i] & 0xFF));
        }
        return sb.toString().trim() + (b.length > max ? " ..." : "");
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
