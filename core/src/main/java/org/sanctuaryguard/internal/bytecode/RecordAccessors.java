package org.sanctuaryguard.internal.bytecode;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Generated accessors of a record: a hidden class, defined as a nestmate of the record, that reads
 * its components' private fields and calls its canonical constructor directly, so that the JIT
 * inlines them. It reads the fields, not the accessor methods: a copy holds what the original holds,
 * which its {@code toString}, {@code equals} and serialization read, so that an accessor returning
 * another component, or a constant, neither carries a withheld value into a kept one nor hides one.
 *
 * <ul>
 *   <li>{@link #read} returns every component in a new array (boxing primitives);
 *   <li>{@link #copy} builds a copy: {@code copy.apply(original, walk)}, where {@code walk} is a
 *       {@link LongSupplier} giving the components to keep (bit {@code i} for component {@code i};
 *       components not in {@code kept} always are) and a {@link UnaryOperator} that converts the
 *       components listed as {@code converted}; a component not kept takes its {@code absent}
 *       value.
 * </ul>
 *
 * <p>Only the JDK's interfaces appear in the class, so it links from any module. {@link #of} fails
 * (and callers fall back to method handles) where the record's package is not open to this module
 * or a component's type is not accessible from the record.
 */
public final class RecordAccessors {

  private static final int MAGIC = 0xCAFEBABE;
  private static final int JAVA_8 = 52;

  /** Reads every component of a record into a new {@code Object[]}, boxing primitives. */
  public final Function<Object, Object[]> read;

  /** Copies a record: {@code apply(original, walk)}; see the class description. */
  public final BiFunction<Object, Object, Object> copy;

  private RecordAccessors(Function<Object, Object[]> read, BiFunction<Object, Object, Object> copy) {
    this.read = read;
    this.copy = copy;
  }

  /**
   * Defines the accessors of a record.
   *
   * @param record the record class
   * @param kept per component, whether it may be withheld (then its bit decides); at most the first 64
   * @param converted per component, whether its value goes through the walk's {@link UnaryOperator}
   * @param absent per component, the value it takes when withheld (shared by every copy)
   * @throws ReflectiveOperationException if the record's package is not open to this module, or a
   *     component's type is not accessible from it
   */
  public static RecordAccessors of(Class<?> record, boolean[] kept, boolean[] converted, @Nullable Object[] absent)
      throws ReflectiveOperationException {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record.getName() + " is not a record");
    }
    RecordComponent[] components = record.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (kept[i] && (i >= Long.SIZE || components[i].getType().isPrimitive())) {
        throw new IllegalArgumentException("component " + i + " of " + record.getName() + " cannot be withheld here");
      }
    }
    RecordAccessors.class.getModule().addReads(record.getModule());
    MethodHandles.Lookup owner = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
    for (RecordComponent component : components) {
      Class<?> type = component.getType();
      while (type.isArray()) {
        type = type.getComponentType();
      }
      if (!type.isPrimitive()) {
        owner.accessClass(type);
      }
    }
    String name = (record.getPackageName().isEmpty() ? "" : record.getPackageName().replace('.', '/') + "/")
        + record.getSimpleName() + "$$SanctuaryGuardAccessors";
    byte[] bytes = new ClassFile(name, record, components, kept, converted).bytes();
    MethodHandles.Lookup generated = owner.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
    Object accessors;
    try {
      accessors = (Object) generated
          .findConstructor(generated.lookupClass(), MethodType.methodType(void.class, Object[].class))
          .asType(MethodType.methodType(Object.class, Object[].class))
          .invokeExact(absent.clone());
    } catch (ReflectiveOperationException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    @SuppressWarnings("unchecked")
    Function<Object, Object[]> read = (Function<Object, Object[]>) accessors;
    @SuppressWarnings("unchecked")
    BiFunction<Object, Object, Object> copy = (BiFunction<Object, Object, Object>) accessors;
    return new RecordAccessors(read, copy);
  }

  /** A minimal class file: a constant pool, a field, a constructor and two methods. */
  private static final class ClassFile {
    private static final int THIS = 0;
    private static final int ORIGINAL = 1;
    private static final int WALK = 2;
    private static final int KEPT = 3;
    private static final int RECORD = 5;
    private static final int FIRST_COMPONENT = 6;

    private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
    private final DataOutputStream poolOut = new DataOutputStream(pool);
    private final Map<String, Integer> entries = new HashMap<>();
    private int count = 1;
    private final String name;
    private final Class<?> record;
    private final RecordComponent[] components;
    private final boolean[] kept;
    private final boolean[] converted;

    ClassFile(String name, Class<?> record, RecordComponent[] components, boolean[] kept, boolean[] converted) {
      this.name = name;
      this.record = record;
      this.components = components;
      this.kept = kept;
      this.converted = converted;
    }

    byte[] bytes() {
      try {
        int thisClass = classEntry(name);
        int superClass = classEntry("java/lang/Object");
        int function = classEntry("java/util/function/Function");
        int biFunction = classEntry("java/util/function/BiFunction");
        int absentName = utf8("absent");
        int absentType = utf8("[Ljava/lang/Object;");
        byte[] init = method("<init>", "([Ljava/lang/Object;)V", initCode(), null);
        byte[] read = method("apply", "(Ljava/lang/Object;)Ljava/lang/Object;", readCode(), null);
        Assembler copy = copyCode();
        byte[] copyMethod = method("apply", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", copy.code(),
            copy);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(MAGIC);
        out.writeShort(0);
        out.writeShort(JAVA_8);
        out.writeShort(count);
        out.write(pool.toByteArray());
        out.writeShort(0x0010 | 0x0020);        // final, super
        out.writeShort(thisClass);
        out.writeShort(superClass);
        out.writeShort(2);
        out.writeShort(function);
        out.writeShort(biFunction);
        out.writeShort(1);                      // the field absent
        out.writeShort(0x0002 | 0x0010);        // private final
        out.writeShort(absentName);
        out.writeShort(absentType);
        out.writeShort(0);
        out.writeShort(3);
        out.write(init);
        out.write(read);
        out.write(copyMethod);
        out.writeShort(0);
        return file.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private byte[] initCode() throws IOException {
      Assembler code = new Assembler();
      code.op(0x2a);                            // aload_0
      code.op(0xb7);                            // invokespecial Object.<init>
      code.u2(methodEntry("java/lang/Object", "<init>", "()V", false));
      code.op(0x2a);                            // aload_0
      code.op(0x2b);                            // aload_1
      code.op(0xb5);                            // putfield absent
      code.u2(fieldEntry(name, "absent", "[Ljava/lang/Object;"));
      code.op(0xb1);                            // return
      return code.attribute(2, 2);
    }

    /** {@code apply(Object record)}: locals 0 this, 1 the record, 2 the array. */
    private byte[] readCode() throws IOException {
      Assembler code = new Assembler();
      code.op(0x2b);                            // aload_1
      code.op(0xc0);                            // checkcast record
      code.u2(classEntry(internalName(record)));
      code.op(0x4c);                            // astore_1
      code.pushInt(components.length);
      code.op(0xbd);                            // anewarray Object
      code.u2(classEntry("java/lang/Object"));
      code.op(0x4d);                            // astore_2
      for (int i = 0; i < components.length; i++) {
        Class<?> type = components[i].getType();
        code.op(0x2c);                          // aload_2
        code.pushInt(i);
        code.op(0x2b);                          // aload_1
        field(code, i);
        if (type.isPrimitive()) {
          Class<?> box = MethodType.methodType(type).wrap().returnType();
          code.op(0xb8);                        // invokestatic Box.valueOf
          code.u2(methodEntry(internalName(box), "valueOf", "(" + type.descriptorString() + ")" + box.descriptorString(), false));
        }
        code.op(0x53);                          // aastore
      }
      code.op(0x2c);                            // aload_2
      code.op(0xb0);                            // areturn
      return code.attribute(5, 3);
    }

    /**
     * {@code apply(Object original, Object walk)}: locals 0 this, 1 original, 2 walk, 3-4 the kept
     * bits, 5 the record, then one local per component, all assigned before the constructor call, so
     * that every branch target has an empty stack.
     */
    private Assembler copyCode() throws IOException {
      Assembler code = new Assembler();
      code.op(0x2c);                            // aload_2
      code.op(0xc0);                            // checkcast LongSupplier
      code.u2(classEntry("java/util/function/LongSupplier"));
      code.op(0xb9);                            // invokeinterface getAsLong
      code.u2(methodEntry("java/util/function/LongSupplier", "getAsLong", "()J", true));
      code.u1(1);
      code.u1(0);
      code.op(0x42);                            // lstore_3
      code.op(0x2b);                            // aload_1
      code.op(0xc0);                            // checkcast record
      code.u2(classEntry(internalName(record)));
      code.op(0x3a);                            // astore 5
      code.u1(RECORD);
      int[] slots = new int[components.length];
      int slot = FIRST_COMPONENT;
      List<Integer> assigned = new ArrayList<>();
      StringBuilder parameters = new StringBuilder("(");
      for (int i = 0; i < components.length; i++) {
        Class<?> type = components[i].getType();
        slots[i] = slot;
        if (kept[i]) {
          code.op(0x21);                        // lload_3
          code.op(0x14);                        // ldc2_w 1L << i
          code.u2(longEntry(1L << i));
          code.op(0x7f);                        // land
          code.op(0x09);                        // lconst_0
          code.op(0x94);                        // lcmp
          int toAbsent = code.branch(0x99);     // ifeq
          load(code, i);
          code.store(type, slots[i]);
          int toEnd = code.branch(0xa7);        // goto
          code.frame(frame(assigned));
          code.patch(toAbsent);
          code.op(0x2a);                        // aload_0
          code.op(0xb4);                        // getfield absent
          code.u2(fieldEntry(name, "absent", "[Ljava/lang/Object;"));
          code.pushInt(i);
          code.op(0x32);                        // aaload
          if (type != Object.class) {
            code.op(0xc0);                      // checkcast type
            code.u2(classEntry(internalName(type)));
          }
          code.store(type, slots[i]);
          assigned.add(i);
          code.frame(frame(assigned));
          code.patch(toEnd);
        } else {
          load(code, i);
          code.store(type, slots[i]);
          assigned.add(i);
        }
        slot += type == long.class || type == double.class ? 2 : 1;
        parameters.append(type.descriptorString());
      }
      code.op(0xbb);                            // new record
      code.u2(classEntry(internalName(record)));
      code.op(0x59);                            // dup
      for (int i = 0; i < components.length; i++) {
        code.load(components[i].getType(), slots[i]);
      }
      code.op(0xb7);                            // invokespecial <init>
      code.u2(methodEntry(internalName(record), "<init>", parameters.append(")V").toString(), false));
      code.op(0xb0);                            // areturn
      code.maxStack = Math.max(6, 2 + slot - FIRST_COMPONENT + 2);
      code.maxLocals = slot;
      return code;
    }

    /** Pushes component {@code i}, converted by the walk if it must be. */
    private void load(Assembler code, int i) throws IOException {
      Class<?> type = components[i].getType();
      if (converted[i]) {
        code.op(0x2c);                          // aload_2
        code.op(0xc0);                          // checkcast UnaryOperator
        code.u2(classEntry("java/util/function/UnaryOperator"));
      }
      code.op(0x19);                            // aload 5
      code.u1(RECORD);
      field(code, i);
      if (converted[i]) {
        code.op(0xb9);                          // invokeinterface apply
        code.u2(methodEntry("java/util/function/UnaryOperator", "apply", "(Ljava/lang/Object;)Ljava/lang/Object;", true));
        code.u1(2);
        code.u1(0);
        if (type != Object.class) {
          code.op(0xc0);                        // checkcast type
          code.u2(classEntry(internalName(type)));
        }
      }
    }

    /** Pushes component {@code i} as its private field holds it, which a nestmate may read. */
    private void field(Assembler code, int i) throws IOException {
      RecordComponent component = components[i];
      code.op(0xb4);                            // getfield component
      code.u2(fieldEntry(internalName(record), component.getName(), component.getType().descriptorString()));
    }

    /** The locals at a branch target: this, original, walk, kept, the record, the components assigned. */
    private byte[] frame(List<Integer> assigned) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      int locals = 5 + assigned.size();
      int last = assigned.isEmpty() ? -1 : assigned.get(assigned.size() - 1);
      out.writeShort(locals);
      object(out, name);
      object(out, "java/lang/Object");
      object(out, "java/lang/Object");
      out.writeByte(4);                         // long
      object(out, internalName(record));
      for (int i = 0; i <= last; i++) {
        Class<?> type = components[i].getType();
        if (type == long.class) {
          out.writeByte(4);
        } else if (type == double.class) {
          out.writeByte(3);
        } else if (type == float.class) {
          out.writeByte(2);
        } else if (type.isPrimitive()) {
          out.writeByte(1);
        } else {
          object(out, internalName(type));
        }
      }
      out.writeShort(0);
      return bytes.toByteArray();
    }

    private void object(DataOutputStream out, String internal) throws IOException {
      out.writeByte(7);
      out.writeShort(classEntry(internal));
    }

    private byte[] method(String methodName, String descriptor, byte[] code, @Nullable Assembler frames)
        throws IOException {
      ByteArrayOutputStream method = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(method);
      out.writeShort(0x0001);                   // public
      out.writeShort(utf8(methodName));
      out.writeShort(utf8(descriptor));
      out.writeShort(1);
      out.writeShort(utf8("Code"));
      byte[] attribute = frames == null ? code : frames.attribute(frames.maxStack, frames.maxLocals, utf8("StackMapTable"));
      out.writeInt(attribute.length);
      out.write(attribute);
      return method.toByteArray();
    }

    private int utf8(String text) throws IOException {
      return entry("U" + text, 1, () -> {
        poolOut.writeByte(1);
        poolOut.writeUTF(text);
      });
    }

    private int classEntry(String internal) throws IOException {
      int nameIndex = utf8(internal);
      return entry("C" + internal, 1, () -> {
        poolOut.writeByte(7);
        poolOut.writeShort(nameIndex);
      });
    }

    private int longEntry(long value) throws IOException {
      return entry("J" + value, 2, () -> {
        poolOut.writeByte(5);
        poolOut.writeLong(value);
      });
    }

    private int fieldEntry(String owner, String fieldName, String descriptor) throws IOException {
      return memberEntry(9, owner, fieldName, descriptor);
    }

    private int methodEntry(String owner, String methodName, String descriptor, boolean onInterface) throws IOException {
      return memberEntry(onInterface ? 11 : 10, owner, methodName, descriptor);
    }

    private int memberEntry(int tag, String owner, String memberName, String descriptor) throws IOException {
      String key = "M" + tag + owner + "." + memberName + descriptor;
      int ownerIndex = classEntry(owner);
      int nameIndex = utf8(memberName);
      int typeIndex = utf8(descriptor);
      int nameAndType = entry("N" + memberName + descriptor, 1, () -> {
        poolOut.writeByte(12);
        poolOut.writeShort(nameIndex);
        poolOut.writeShort(typeIndex);
      });
      return entry(key, 1, () -> {
        poolOut.writeByte(tag);
        poolOut.writeShort(ownerIndex);
        poolOut.writeShort(nameAndType);
      });
    }

    /** The index of a constant, written to the pool the first time it is asked for. */
    private int entry(String key, int slots, PoolWrite write) throws IOException {
      Integer known = entries.get(key);
      if (known != null) {
        return known;
      }
      write.run();
      return remember(key, slots);
    }

    private int remember(String key, int slots) {
      int index = count;
      entries.put(key, index);
      count += slots;
      return index;
    }
  }

  @FunctionalInterface
  private interface PoolWrite {
    void run() throws IOException;
  }

  /** Bytecode with forward branches patched once their target is known, and full stack-map frames. */
  private static final class Assembler {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Integer> frameOffsets = new ArrayList<>();
    private final Map<Integer, Integer> branches = new HashMap<>();
    int maxStack;
    int maxLocals;

    void op(int opcode) throws IOException {
      out.writeByte(opcode);
    }

    void u1(int value) throws IOException {
      out.writeByte(value);
    }

    void u2(int value) throws IOException {
      out.writeShort(value);
    }

    void pushInt(int value) throws IOException {
      if (value <= 5) {
        op(0x03 + value);                       // iconst_<n>
      } else if (value <= Byte.MAX_VALUE) {
        op(0x10);                               // bipush
        u1(value);
      } else {
        op(0x11);                               // sipush
        u2(value);
      }
    }

    /** Emits a branch with a placeholder offset, and returns its position for {@link #patch}. */
    int branch(int opcode) throws IOException {
      int at = out.size();
      op(opcode);
      u2(0);
      branches.put(at, at);
      return at;
    }

    /** Points the branch at {@code at} to the current position. */
    void patch(int at) {
      branches.put(at, out.size());
    }

    /** Records a full frame at the current position, which must be a branch target. */
    void frame(byte[] locals) {
      frameOffsets.add(out.size());
      frames.add(locals);
    }

    void store(Class<?> type, int slot) throws IOException {
      op(type == long.class ? 0x37 : type == double.class ? 0x39 : type == float.class ? 0x38
          : type.isPrimitive() ? 0x36 : 0x3a);
      u1(slot);
    }

    void load(Class<?> type, int slot) throws IOException {
      op(type == long.class ? 0x16 : type == double.class ? 0x18 : type == float.class ? 0x17
          : type.isPrimitive() ? 0x15 : 0x19);
      u1(slot);
    }

    byte[] code() {
      byte[] code = bytes.toByteArray();
      branches.forEach((at, target) -> {
        int offset = target - at;
        code[at + 1] = (byte) (offset >> 8);
        code[at + 2] = (byte) offset;
      });
      return code;
    }

    byte[] attribute(int stack, int locals) throws IOException {
      return attribute(stack, locals, -1);
    }

    byte[] attribute(int stack, int locals, int stackMapName) throws IOException {
      byte[] code = code();
      ByteArrayOutputStream attribute = new ByteArrayOutputStream();
      DataOutputStream a = new DataOutputStream(attribute);
      a.writeShort(stack);
      a.writeShort(locals);
      a.writeInt(code.length);
      a.write(code);
      a.writeShort(0);
      if (frames.isEmpty() || stackMapName < 0) {
        a.writeShort(0);
        return attribute.toByteArray();
      }
      ByteArrayOutputStream table = new ByteArrayOutputStream();
      DataOutputStream t = new DataOutputStream(table);
      t.writeShort(frames.size());
      int previous = -1;
      for (int i = 0; i < frames.size(); i++) {
        int offset = frameOffsets.get(i);
        t.writeByte(255);                       // full_frame
        t.writeShort(offset - previous - 1);
        t.write(frames.get(i));
        previous = offset;
      }
      a.writeShort(1);
      a.writeShort(stackMapName);
      a.writeInt(table.size());
      a.write(table.toByteArray());
      return attribute.toByteArray();
    }
  }

  private static String internalName(Class<?> type) {
    return type.isArray() ? type.descriptorString() : type.getName().replace('.', '/');
  }
}
