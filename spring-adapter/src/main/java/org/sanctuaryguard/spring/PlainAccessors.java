package org.sanctuaryguard.spring;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Tells, from a class file, whether a getter or a record's accessor does nothing but return a field
 * of its own object: its code is {@code aload_0; getfield; return}, as a compiler makes a record's
 * implicit accessor and a plain getter. Such a method writes what its field stores; any other may
 * compute from other fields. A class file that cannot be read tells nothing.
 */
final class PlainAccessors {

  private static final int ALOAD_0 = 0x2a;
  private static final int GETFIELD = 0xb4;
  private static final int IRETURN = 0xac;
  private static final int ARETURN = 0xb0;

  private PlainAccessors() {}

  /** Whether the method's code is only a return of the field, which its class declares. */
  static boolean returnsOnly(Method method, Field field) {
    Class<?> owner = method.getDeclaringClass();
    if (owner != field.getDeclaringClass() || method.getParameterCount() != 0) {
      return false;
    }
    try (InputStream in = owner.getResourceAsStream("/" + owner.getName().replace('.', '/') + ".class")) {
      return in != null && returnsOnly(new DataInputStream(in), owner, method, field);
    } catch (IOException | RuntimeException e) {
      return false; // unreadable: the method is taken as one that may compute
    }
  }

  private static boolean returnsOnly(DataInputStream in, Class<?> owner, Method method, Field field)
      throws IOException {
    in.skipNBytes(8); // magic, minor and major versions
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] first = new int[count];
    int[] second = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> {
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
        }
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // a long or a double takes two entries
        }
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    in.skipNBytes(6); // access flags, this class, super class
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    skipMembers(in);
    String descriptor = MethodType.methodType(method.getReturnType()).toMethodDescriptorString();
    for (int methods = in.readUnsignedShort(); methods > 0; methods--) {
      in.skipNBytes(2);
      boolean wanted = method.getName().equals(utf8[in.readUnsignedShort()])
          & descriptor.equals(utf8[in.readUnsignedShort()]);
      for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
        String name = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        if (!wanted || !"Code".equals(name)) {
          in.skipNBytes(length);
          continue;
        }
        in.skipNBytes(4); // max stack, max locals
        byte[] code = new byte[in.readInt()];
        in.readFully(code);
        if (code.length != 5 || (code[0] & 0xff) != ALOAD_0 || (code[1] & 0xff) != GETFIELD
            || (code[4] & 0xff) < IRETURN || (code[4] & 0xff) > ARETURN) {
          return false;
        }
        int fieldRef = (code[2] & 0xff) << 8 | (code[3] & 0xff);
        int nameAndType = second[fieldRef];
        return owner.getName().replace('.', '/').equals(utf8[first[first[fieldRef]]])
            && field.getName().equals(utf8[first[nameAndType]])
            && field.getType().descriptorString().equals(utf8[second[nameAndType]]);
      }
    }
    return false;
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    for (int members = in.readUnsignedShort(); members > 0; members--) {
      in.skipNBytes(6); // access flags, name, descriptor
      for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt());
      }
    }
  }
}
