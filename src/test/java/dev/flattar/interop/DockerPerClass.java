package dev.flattar.interop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Docker} (private daemon, jar copy) for a test class: registered as a static field with
 * {@code @RegisterExtension}, it starts before the class's own {@code @BeforeAll} methods (or skips
 * or fails the class, see {@link Docker#start}) and stops after all its tests.
 */
final class DockerPerClass implements BeforeAllCallback, AfterAllCallback {
  private Docker docker;

  @Override
  public void beforeAll(ExtensionContext context) {
    docker = Docker.start(context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (docker != null) {
      docker.close();
      docker = null;
    }
  }

  Docker docker() {
    if (docker == null) {
      throw new IllegalStateException("no Docker: the class's beforeAll has not run");
    }
    return docker;
  }
}
