package io.streamingcoordinator.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, as shipped, configured to trust the tests' identity provider ({@link
 * TestIdentity}), with optional further configuration overrides.
 */
final class Deployments {

  private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  private Deployments() {}

  static WebArchive product() {
    return withConfig(Map.of());
  }

  private static WebArchive shipped() {
    return ShrinkWrap.create(ZipImporter.class, "streaming-coordinator.war")
        .importFrom(new File("target/streaming-coordinator.war"))
        .as(WebArchive.class);
  }

  /** The product WAR with some configuration defaults replaced. */
  static WebArchive withConfig(Map<String, String> overrides) {
    WebArchive war = shipped();
    Properties properties = new Properties();
    try (InputStream in = war.get(CONFIG).getAsset().openStream()) {
      properties.load(in);
      properties.putAll(TestIdentity.serverConfig());
      properties.putAll(overrides);
      StringWriter out = new StringWriter();
      properties.store(out, "test overrides");
      war.delete(CONFIG);
      war.add(new StringAsset(out.toString()), CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return war;
  }
}
