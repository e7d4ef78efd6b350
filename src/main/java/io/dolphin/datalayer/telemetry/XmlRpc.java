package io.dolphin.datalayer.telemetry;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XML-RPC the watcher speaks: one fixed request body, and a reader for the response built on the JDK's StAX
 * parser (DTDs and external entities off). Values become {@code String}, {@code Integer}/{@code Long},
 * {@code Boolean}, {@code Double}, {@code List} (array) and {@code Map} (struct); {@code dateTime.iso8601} and
 * {@code base64} stay text.
 *
 * <p>Why no client library: Apache XML-RPC (3.1.3, 2010) is retired, pulls ws-commons-util, and its client
 * deserializes Java objects a server sends in a fault (CVE-2019-17570); jackson-dataformat-xml would put
 * jackson-databind, Woodstox and stax2 on every member for one response shape, and its tree model folds repeated
 * elements so that a one-element array reads like a scalar. The response grammar is small and fixed, and a reader
 * that follows it element by element can say exactly what was wrong with a malformed answer.
 */
final class XmlRpc {

    /**
     * One round trip for both calls: every process's state, and the tail of supervisord's own log, where it writes
     * the signal that ended a process ({@code exited: x (terminated by SIGKILL; not expected)}), which
     * {@code getAllProcessInfo} does not report. {@code logTailBytes} 0 asks for the states only.
     */
    static String multicallBody(int logTailBytes) {
        return "<?xml version=\"1.0\"?><methodCall><methodName>system.multicall</methodName><params><param><value>"
                + "<array><data>"
                + call("supervisor.getAllProcessInfo", "")
                // readLog(0, 0) would read the whole log: no tail wanted, no call
                + (logTailBytes == 0 ? "" : call("supervisor.readLog",
                        "<value><int>" + (-logTailBytes) + "</int></value><value><int>0</int></value>"))
                + "</data></array></value></param></params></methodCall>";
    }

    /** One call of a multicall: a struct of its method name and its parameters as an array of values. */
    private static String call(String method, String paramValues) {
        return "<value><struct><member><name>methodName</name><value><string>" + method + "</string></value></member>"
                + "<member><name>params</name><value><array><data>" + paramValues
                + "</data></array></value></member></struct></value>";
    }

    private XmlRpc() {
    }

    /**
     * The value of a {@code methodResponse}.
     *
     * @throws Fault     when the server answered with a fault
     * @throws Malformed when the text is not an XML-RPC response
     */
    static Object parseResponse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new Malformed("empty response body");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new StringReader(xml));
            nextStart(r, "methodResponse");
            String which = nextStartAny(r);
            if ("fault".equals(which)) {
                nextStart(r, "value");
                Object v = value(r);
                if (!(v instanceof Map<?, ?> m) || !(m.get("faultCode") instanceof Number code)) {
                    throw new Malformed("fault without a faultCode: " + v);
                }
                throw new Fault(code.intValue(), String.valueOf(m.get("faultString")));
            }
            if (!"params".equals(which)) {
                throw new Malformed("expected <params> or <fault> in <methodResponse>, got <" + which + ">");
            }
            nextStart(r, "param");
            nextStart(r, "value");
            return value(r);
        } catch (XMLStreamException e) {
            throw new Malformed("not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release: the reader reads from a string
                }
            }
        }
    }

    /** Reads the content of a {@code <value>} whose start tag was just read, up to and including its end tag. */
    private static Object value(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (e == XMLStreamConstants.START_ELEMENT) {
                String type = r.getLocalName();
                Object v = switch (type) {
                    case "array" -> array(r);
                    case "struct" -> struct(r);
                    default -> scalar(type, r.getElementText());
                };
                nextEnd(r, "value");
                return v;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                // <value>text</value> without a type is a string
                return text.toString();
            }
        }
        throw new Malformed("response ends inside a <value>");
    }

    private static Object scalar(String type, String text) {
        String t = text.strip();
        try {
            return switch (type) {
                case "int", "i4" -> Integer.parseInt(t);
                case "i8" -> Long.parseLong(t);
                case "boolean" -> switch (t) {
                    case "1" -> Boolean.TRUE;
                    case "0" -> Boolean.FALSE;
                    default -> throw new Malformed("<boolean> must be 0 or 1, got '" + t + "'");
                };
                case "double" -> Double.parseDouble(t);
                case "string", "dateTime.iso8601", "base64" -> text;
                case "nil" -> null;
                default -> throw new Malformed("unknown XML-RPC type <" + type + ">");
            };
        } catch (NumberFormatException e) {
            throw new Malformed("<" + type + "> holds '" + t + "', not a number");
        }
    }

    private static List<Object> array(XMLStreamReader r) throws XMLStreamException {
        nextStart(r, "data");
        List<Object> items = new ArrayList<>();
        while (true) {
            String tag = nextStartOrEnd(r, "data");
            if (tag == null) {
                nextEnd(r, "array");
                return items;
            }
            if (!"value".equals(tag)) {
                throw new Malformed("expected <value> in <data>, got <" + tag + ">");
            }
            items.add(value(r));
        }
    }

    private static Map<String, Object> struct(XMLStreamReader r) throws XMLStreamException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (true) {
            String tag = nextStartOrEnd(r, "struct");
            if (tag == null) {
                return members;
            }
            if (!"member".equals(tag)) {
                throw new Malformed("expected <member> in <struct>, got <" + tag + ">");
            }
            nextStart(r, "name");
            String name = r.getElementText();
            nextStart(r, "value");
            members.put(name, value(r));
            nextEnd(r, "member");
        }
    }

    private static void nextStart(XMLStreamReader r, String expected) throws XMLStreamException {
        String got = nextStartAny(r);
        if (!expected.equals(got)) {
            throw new Malformed("expected <" + expected + ">, got <" + got + ">");
        }
    }

    private static String nextStartAny(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                return r.getLocalName();
            }
            if (e == XMLStreamConstants.END_ELEMENT) {
                throw new Malformed("unexpected </" + r.getLocalName() + ">");
            }
        }
        throw new Malformed("response ends early");
    }

    /** The next start tag's name, or null at the end tag {@code parent}. */
    private static String nextStartOrEnd(XMLStreamReader r, String parent) throws XMLStreamException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                return r.getLocalName();
            }
            if (e == XMLStreamConstants.END_ELEMENT) {
                if (parent.equals(r.getLocalName())) {
                    return null;
                }
                throw new Malformed("unexpected </" + r.getLocalName() + "> in <" + parent + ">");
            }
        }
        throw new Malformed("response ends inside <" + parent + ">");
    }

    private static void nextEnd(XMLStreamReader r, String expected) throws XMLStreamException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.END_ELEMENT) {
                if (expected.equals(r.getLocalName())) {
                    return;
                }
                throw new Malformed("expected </" + expected + ">, got </" + r.getLocalName() + ">");
            }
            if (e == XMLStreamConstants.START_ELEMENT) {
                throw new Malformed("expected </" + expected + ">, got <" + r.getLocalName() + ">");
            }
        }
        throw new Malformed("response ends before </" + expected + ">");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String one = message.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    /** The server answered with an XML-RPC fault. */
    static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        Fault(int code, String text) {
            super("XML-RPC fault " + code + ": " + text);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** The answer is not the XML-RPC the call expects. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason);
        }
    }
}
