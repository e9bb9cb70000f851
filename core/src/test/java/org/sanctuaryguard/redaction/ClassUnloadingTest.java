package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Release;

/**
 * A guard lives as long as the application; the classes it redacts may not (a redeployed web
 * application, a plug-in). Its metadata and generated accessors must not keep them loaded.
 */
class ClassUnloadingTest {

  /** Defines {@link Unloadable} itself, so that the class belongs to this loader alone. */
  private static final class Throwaway extends ClassLoader {
    Throwaway(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Unloadable.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  @Test
  void releaseWhenTheClassLoaderIsDroppedThenTheGuardDoesNotKeepItsClassesLoaded() throws Exception {
    Guards guards = new Guards();
    WeakReference<Class<?>> unloadable = releaseFromAThrowawayLoader(guards);

    for (int i = 0; i < 50 && unloadable.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(unloadable.get()).as("the class redacted by the guard was unloaded").isNull();
    assertThat(guards.guard.release(Model.person("C-1", "Ana"), guards.hiding("hide-name")).copy().name()).isNull();
  }

  private static WeakReference<Class<?>> releaseFromAThrowawayLoader(Guards guards) throws Exception {
    Class<?> type = new Throwaway(ClassUnloadingTest.class.getClassLoader()).loadClass(Unloadable.class.getName());
    assertThat(type).isNotEqualTo(Unloadable.class);
    Object record = type.getDeclaredConstructors()[0].newInstance("C-9", "Ana Diaz", "TPS", "Queens");
    Release<Object> release = guards.guard.release(record, guards.hiding("hide-name"));
    assertThat(release.isCopy()).isTrue();
    assertThat(release.copy().toString()).contains("name=null", "status=TPS", "office=Queens");
    return new WeakReference<>(type);
  }
}
