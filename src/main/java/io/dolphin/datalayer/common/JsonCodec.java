package io.dolphin.datalayer.common;

import java.io.Serializable;

/**
 * Turns one value shape of the reference into JSON text and back. Implementations keep fields they do
 * not know, so a value written by a newer Python service survives a round trip through the data layer.
 */
public interface JsonCodec<T> extends Serializable {

    /** @throws MalformedJsonException with a reason fit for a dead letter */
    T decode(String json);

    String encode(T value);
}
