package dev.ppl.api;

import dev.ppl.ast.Name;
import dev.ppl.source.Span;
import dev.ppl.value.Quantity;
import dev.ppl.value.Table;
import dev.ppl.value.Unit;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and reads the parsed and checked policies ({@link PolicySet.Checked}) for {@link
 * PolicyCache}: a compact binary form that keeps shared objects shared (the checker's side tables
 * are keyed by syntax-tree node identity).
 *
 * <p>Records are written component by component and made again through their canonical
 * constructors; PPL's other value classes field by field. Only PPL's own classes ({@code dev.ppl.})
 * and a fixed list of the JDK's values and collections are read; anything else in a file is an
 * error, and anything else in the policies makes writing fail (the entry is then not kept). Java
 * serialization is not used: reading it in a fresh JVM cost more than parsing the policies again.
 */
final class CheckedCodec {
    private static final int NULL = 0;
    private static final int REF = 1;
    private static final int STRING = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int TRUE = 6;
    private static final int FALSE = 7;
    private static final int CHAR = 8;
    private static final int DATE = 9;
    private static final int DECIMAL = 10;
    private static final int ENUM = 11;
    private static final int RECORD = 12;
    private static final int OBJECT = 13;
    private static final int LIST = 14;
    private static final int SET = 15;
    private static final int MAP = 16;
    private static final int ARRAY = 17;
    private static final int INTS = 18;
    private static final int PATTERN = 19;
    private static final int RE2 = 20;
    // the most frequent records, made without reflection
    private static final int SPAN = 21;
    private static final int NAME = 22;
    private static final int ROW = 23;
    private static final int QUANTITY = 24;

    // collection kinds: the mutable ones are made again as the same class
    private static final int IMMUTABLE = 0;
    private static final int ARRAY_LIST = 1;
    private static final int HASH = 2;
    private static final int LINKED = 3;
    private static final int IDENTITY = 4;

    /** How one class of PPL's is taken apart and made again. */
    private record Shape(Class<?> type, Constructor<?> constructor, Method[] accessors, Field[] fields) {}

    private static final Map<Class<?>, Shape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    private CheckedCodec() {}

    /** Writes the number of objects (so that the reader sizes its table once), then the objects. */
    static void write(PolicySet.Checked checked, DataOutputStream out) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(1 << 20);
        Writer writer = new Writer(new DataOutputStream(body));
        writer.any(checked);
        writer.out.flush();
        out.writeInt(writer.handles.size());
        body.writeTo(out);
    }

    static PolicySet.Checked read(byte[] bytes, int start) throws IOException {
        return read(bytes, start, null);
    }

    /** As {@link #read(byte[], int)}, handing each policy version to {@code decoded} (when not null) as soon as it is made. */
    static PolicySet.Checked read(byte[] bytes, int start, java.util.function.Consumer<PolicySet.CheckedEntry> decoded)
            throws IOException {
        Reader reader = new Reader(bytes, start, decoded);
        Object o = reader.any();
        if (reader.at != bytes.length) {
            throw new IOException("bytes after the end");
        }
        if (!(o instanceof PolicySet.Checked c)) {
            throw new IOException("not a checked policy set");
        }
        return c;
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<Object, Integer> handles = new IdentityHashMap<>();
        /**
         * Strings by value: a string equal to one written before is written as a reference to it,
         * so the reader decodes each text once (the syntax tree holds the same names and codes
         * many times over, as different objects) and the copies it makes share one string.
         */
        private final Map<String, Integer> strings = new HashMap<>();
        private final Map<Class<?>, Integer> classes = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void any(Object o) throws IOException {
            if (o == null) {
                out.writeByte(NULL);
                return;
            }
            Integer h = o instanceof String s ? strings.get(s) : handles.get(o);
            if (h != null) {
                out.writeByte(REF);
                out.writeInt(h);
                return;
            }
            body(o);
            if (o instanceof String s) {
                strings.put(s, handles.size());
            }
            handles.put(o, handles.size());
        }

        private void body(Object o) throws IOException {
            Class<?> c = o.getClass();
            if (o instanceof String s) {
                out.writeByte(STRING);
                string(s);
            } else if (c == Span.class) {
                Span s = (Span) o;
                out.writeByte(SPAN);
                out.writeInt(s.start());
                out.writeInt(s.end());
            } else if (c == Name.class) {
                Name n = (Name) o;
                out.writeByte(NAME);
                any(n.text());
                any(n.span());
            } else if (c == Table.Row.class) {
                Table.Row r = (Table.Row) o;
                out.writeByte(ROW);
                out.writeInt(r.line());
                any(r.values());
            } else if (c == Quantity.class) {
                Quantity q = (Quantity) o;
                out.writeByte(QUANTITY);
                out.writeDouble(q.amount());
                any(q.unit());
            } else if (o instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (o instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (o instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (o instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (o instanceof Character ch) {
                out.writeByte(CHAR);
                out.writeChar(ch);
            } else if (o instanceof LocalDate d) {
                out.writeByte(DATE);
                out.writeLong(d.toEpochDay());
            } else if (c == BigDecimal.class) {
                out.writeByte(DECIMAL);
                string(o.toString());
            } else if (o instanceof Enum<?> e) {
                out.writeByte(ENUM);
                type(e.getDeclaringClass());
                string(e.name());
            } else if (o instanceof java.util.regex.Pattern p) {
                out.writeByte(PATTERN);
                string(p.pattern());
                out.writeInt(p.flags());
            } else if (o instanceof com.google.re2j.Pattern p) {
                out.writeByte(RE2);
                string(p.pattern());
                out.writeInt(p.flags());
            } else if (o instanceof int[] ints) {
                out.writeByte(INTS);
                out.writeInt(ints.length);
                for (int i : ints) {
                    out.writeInt(i);
                }
            } else if (c.isArray() && !c.getComponentType().isPrimitive()) {
                out.writeByte(ARRAY);
                type(c.getComponentType());
                Object[] items = (Object[]) o;
                out.writeInt(items.length);
                for (Object item : items) {
                    any(item);
                }
            } else if (o instanceof List<?> list) {
                out.writeByte(LIST);
                out.writeByte(kind(c));
                elements(list);
            } else if (o instanceof Set<?> set) {
                out.writeByte(SET);
                out.writeByte(kind(c));
                elements(set);
            } else if (o instanceof Map<?, ?> map) {
                out.writeByte(MAP);
                out.writeByte(kind(c));
                out.writeInt(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    any(e.getKey());
                    any(e.getValue());
                }
            } else {
                Shape shape = shape(c);
                out.writeByte(c.isRecord() ? RECORD : OBJECT);
                type(c);
                try {
                    if (shape.accessors() != null) {
                        for (Method m : shape.accessors()) {
                            any(m.invoke(o));
                        }
                    } else {
                        for (Field f : shape.fields()) {
                            any(f.get(o));
                        }
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IOException("cannot read " + c.getName() + ": " + e, e);
                }
            }
        }

        private int kind(Class<?> c) throws IOException {
            if (c == ArrayList.class) {
                return ARRAY_LIST;
            }
            if (c == HashMap.class || c == HashSet.class) {
                return HASH;
            }
            if (c == LinkedHashMap.class || c == LinkedHashSet.class) {
                return LINKED;
            }
            if (c == IdentityHashMap.class) {
                return IDENTITY;
            }
            if (c.getName().startsWith("java.util.ImmutableCollections$")) { // never holding null
                return IMMUTABLE;
            }
            throw new IOException("no cache form for " + c.getName());
        }

        private void elements(Collection<?> items) throws IOException {
            out.writeInt(items.size());
            for (Object item : items) {
                any(item);
            }
        }

        private void type(Class<?> c) throws IOException {
            Integer known = classes.get(c);
            if (known != null) {
                out.writeInt(known);
                return;
            }
            out.writeInt(-1);
            string(c.getName());
            classes.put(c, classes.size());
        }

        private void string(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    /** Reads from an array (a stream's per-byte calls cost most of a cold start's reading). */
    private static final class Reader {
        private final byte[] bytes;
        private int at;
        private final List<Object> handles;
        private final List<Class<?>> classes = new ArrayList<>();

        /** Told of each policy version made, or null. */
        private final java.util.function.Consumer<PolicySet.CheckedEntry> decoded;

        Reader(byte[] bytes, int start, java.util.function.Consumer<PolicySet.CheckedEntry> decoded) throws IOException {
            this.bytes = bytes;
            this.at = start;
            this.decoded = decoded;
            // every object takes a byte at least: a larger count is a damaged file, not a table to allocate
            this.handles = new ArrayList<>(length());
        }

        private void need(int n) throws IOException {
            if (n < 0 || bytes.length - at < n) {
                throw new IOException("the file ends early");
            }
        }

        private int readUnsignedByte() throws IOException {
            need(1);
            return bytes[at++] & 0xff;
        }

        private int readInt() throws IOException {
            need(4);
            int v = ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                    | (bytes[at + 3] & 0xff);
            at += 4;
            return v;
        }

        private long readLong() throws IOException {
            long high = readInt() & 0xffffffffL;
            return (high << 32) | (readInt() & 0xffffffffL);
        }

        private double readDouble() throws IOException {
            return Double.longBitsToDouble(readLong());
        }

        private char readChar() throws IOException {
            need(2);
            char c = (char) (((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff));
            at += 2;
            return c;
        }

        Object any() throws IOException {
            int tag = readUnsignedByte();
            if (tag == NULL) {
                return null;
            }
            if (tag == REF) {
                int h = readInt();
                if (h < 0 || h >= handles.size()) {
                    throw new IOException("bad reference " + h);
                }
                return handles.get(h);
            }
            Object o = body(tag);
            handles.add(o);
            return o;
        }

        private Object body(int tag) throws IOException {
            switch (tag) {
                case STRING:
                    return string();
                case SPAN: {
                    int start = readInt();
                    return new Span(start, readInt());
                }
                case NAME: {
                    String text = (String) any();
                    return new Name(text, (Span) any());
                }
                case ROW: {
                    int line = readInt();
                    return new Table.Row((Object[]) any(), line);
                }
                case QUANTITY: {
                    double amount = readDouble();
                    return new Quantity(amount, (Unit) any());
                }
                case INT:
                    return readInt();
                case LONG:
                    return readLong();
                case DOUBLE:
                    return readDouble();
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case CHAR:
                    return readChar();
                case DATE:
                    return LocalDate.ofEpochDay(readLong());
                case DECIMAL:
                    return new BigDecimal(string());
                case ENUM: {
                    Class<?> c = type();
                    if (!c.isEnum()) {
                        throw new IOException(c.getName() + " is not an enum");
                    }
                    return enumConstant(c, string());
                }
                case PATTERN: {
                    String p = string();
                    return java.util.regex.Pattern.compile(p, readInt());
                }
                case RE2: {
                    String p = string();
                    return com.google.re2j.Pattern.compile(p, readInt());
                }
                case INTS: {
                    int[] ints = new int[length()];
                    for (int i = 0; i < ints.length; i++) {
                        ints[i] = readInt();
                    }
                    return ints;
                }
                case ARRAY: {
                    Class<?> component = type();
                    Object[] items = (Object[]) Array.newInstance(component, length());
                    for (int i = 0; i < items.length; i++) {
                        items[i] = component.cast(any());
                    }
                    return items;
                }
                case LIST: {
                    int kind = readUnsignedByte();
                    Object[] items = elements();
                    if (kind == IMMUTABLE) {
                        return List.of(items);
                    }
                    if (kind == ARRAY_LIST) {
                        return new ArrayList<>(java.util.Arrays.asList(items));
                    }
                    throw new IOException("bad list kind " + kind);
                }
                case SET: {
                    int kind = readUnsignedByte();
                    Object[] items = elements();
                    Set<Object> set = switch (kind) {
                        case IMMUTABLE -> Set.of(items);
                        case HASH -> new HashSet<>(java.util.Arrays.asList(items));
                        case LINKED -> new LinkedHashSet<>(java.util.Arrays.asList(items));
                        default -> throw new IOException("bad set kind " + kind);
                    };
                    return set;
                }
                case MAP: {
                    int kind = readUnsignedByte();
                    int n = length();
                    Map<Object, Object> map = switch (kind) {
                        case IMMUTABLE, HASH -> new HashMap<>(n * 4 / 3 + 1);
                        case LINKED -> new LinkedHashMap<>(n * 4 / 3 + 1);
                        case IDENTITY -> new IdentityHashMap<>(n);
                        default -> throw new IOException("bad map kind " + kind);
                    };
                    for (int i = 0; i < n; i++) {
                        Object k = any();
                        map.put(k, any());
                    }
                    return kind == IMMUTABLE ? Map.copyOf(map) : map;
                }
                case RECORD:
                case OBJECT: {
                    Class<?> c = type();
                    if (c.isRecord() != (tag == RECORD)) {
                        throw new IOException(c.getName() + " is not written as it is now");
                    }
                    Object made = make(c);
                    if (decoded != null && made instanceof PolicySet.CheckedEntry entry) {
                        decoded.accept(entry);
                    }
                    return made;
                }
                default:
                    throw new IOException("bad tag " + tag);
            }
        }

        private Object make(Class<?> c) throws IOException {
            Shape shape = shape(c);
            try {
                if (shape.accessors() != null) {
                    Object[] args = new Object[shape.accessors().length];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = any();
                    }
                    return shape.constructor().newInstance(args);
                }
                Object o = shape.constructor().newInstance();
                for (Field f : shape.fields()) {
                    f.set(o, any());
                }
                return o;
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IOException("cannot make " + c.getName() + ": " + e, e);
            }
        }

        private Object[] elements() throws IOException {
            Object[] items = new Object[length()];
            for (int i = 0; i < items.length; i++) {
                items[i] = any();
            }
            return items;
        }

        private int length() throws IOException {
            int n = readInt();
            if (n < 0 || n > bytes.length - at) {
                throw new IOException("bad length " + n);
            }
            return n;
        }

        private Class<?> type() throws IOException {
            int known = readInt();
            if (known >= 0) {
                if (known >= classes.size()) {
                    throw new IOException("bad class reference " + known);
                }
                return classes.get(known);
            }
            String name = string();
            Class<?> c;
            if (!name.startsWith("dev.ppl.") && !JDK.contains(name)) {
                throw new IOException("class " + name + " is not one a policy cache may hold");
            }
            try {
                c = Class.forName(name, false, CheckedCodec.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("no class " + name, e);
            }
            classes.add(c);
            return c;
        }

        private String string() throws IOException {
            int n = length();
            String s = new String(bytes, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }
    }

    /** JDK classes that may be named in a file (as an array's element type or an enum). */
    private static final Set<String> JDK = Set.of("java.lang.Object", "java.lang.String", "java.lang.Integer",
            "java.lang.Double", "java.lang.Long", "java.lang.Boolean", "java.time.LocalDate",
            "java.time.temporal.ChronoUnit");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> c, String name) throws IOException {
        try {
            return Enum.valueOf((Class) c, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("no constant " + name + " in " + c.getName(), e);
        }
    }

    /** How a class is taken apart: records by components, PPL's other classes by instance fields. */
    private static Shape shape(Class<?> c) throws IOException {
        Shape known = SHAPES.get(c);
        if (known != null) {
            return known;
        }
        if (!c.getName().startsWith("dev.ppl.") || c.isInterface() || c.isEnum() || c.isAnonymousClass()
                || c.isSynthetic() || c.isHidden()) {
            throw new IOException("no cache form for " + c.getName());
        }
        try {
            Shape shape;
            if (c.isRecord()) {
                RecordComponent[] components = c.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                Method[] accessors = new Method[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    accessors[i] = components[i].getAccessor();
                    accessors[i].setAccessible(true);
                }
                Constructor<?> constructor = c.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                shape = new Shape(c, constructor, accessors, null);
            } else {
                if (c.getSuperclass() != Object.class) {
                    throw new IOException("no cache form for " + c.getName() + " (a subclass)");
                }
                List<Field> fields = new ArrayList<>();
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
                Constructor<?> constructor = serialConstructor(c);
                shape = new Shape(c, constructor, null, fields.toArray(new Field[0]));
            }
            SHAPES.put(c, shape);
            return shape;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("no cache form for " + c.getName() + ": " + e, e);
        }
    }

    /** A constructor that makes an instance without running the class's own (its fields are set next). */
    private static Constructor<?> serialConstructor(Class<?> c) throws NoSuchMethodException {
        Constructor<?> constructor = sun.reflect.ReflectionFactory.getReflectionFactory()
                .newConstructorForSerialization(c, Object.class.getDeclaredConstructor());
        constructor.setAccessible(true);
        return constructor;
    }
}
