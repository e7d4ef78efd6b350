package io.dolphin.datalayer.scanbridge;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Arrow values to the plain Java values JSON is written from: Long, Double, String, Boolean, List, BigDecimal. */
final class ArrowColumns {

    private ArrowColumns() {
    }

    /** The value at {@code row}; timestamps become epoch seconds, floats keep their shortest decimal form. */
    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Int:
                return ((BaseIntVector) vector).getValueAsLong(row);
            case FloatingPoint:
                if (vector instanceof Float4Vector f4) {
                    // 0.1f as a double prints 0.10000000149011612; the scanner meant 0.1.
                    return Double.parseDouble(Float.toString(f4.get(row)));
                }
                return ((FloatingPointVector) vector).getValueAsDouble(row);
            case Timestamp:
                return epochSeconds(((TimeStampVector) vector).get(row), ((ArrowType.Timestamp) type).getUnit());
            default:
                return normalize(vector.getObject(row));
        }
    }

    static boolean isInteger(ArrowType type) {
        return type.getTypeID() == ArrowType.ArrowTypeID.Int;
    }

    static boolean isNumber(ArrowType type) {
        return type.getTypeID() == ArrowType.ArrowTypeID.Int || type.getTypeID() == ArrowType.ArrowTypeID.FloatingPoint;
    }

    static boolean isString(ArrowType type) {
        ArrowType.ArrowTypeID id = type.getTypeID();
        return id == ArrowType.ArrowTypeID.Utf8 || id == ArrowType.ArrowTypeID.LargeUtf8
                || id == ArrowType.ArrowTypeID.Utf8View;
    }

    static boolean isList(ArrowType type) {
        ArrowType.ArrowTypeID id = type.getTypeID();
        return id == ArrowType.ArrowTypeID.List || id == ArrowType.ArrowTypeID.LargeList
                || id == ArrowType.ArrowTypeID.FixedSizeList;
    }

    /** How a type reads in a dead letter: "Utf8", "Int(64, signed)", "FloatingPoint(DOUBLE)". */
    static String describe(ArrowType type) {
        return type.toString();
    }

    static double epochSeconds(long raw, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> raw;
            case MILLISECOND -> raw / 1e3;
            case MICROSECOND -> raw / 1e6;
            case NANOSECOND -> raw / 1e9;
        };
    }

    private static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Text t) {
            return t.toString();
        }
        if (v instanceof Float f) {
            return Double.parseDouble(Float.toString(f));
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(normalize(e));
            }
            return out;
        }
        if (v instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        return String.valueOf(v);
    }
}
