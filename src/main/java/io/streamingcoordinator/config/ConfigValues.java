package io.streamingcoordinator.config;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** How the settings beans read numbers and durations, with one message for a wrong value. */
final class ConfigValues {

  private ConfigValues() {}

  static int positive(Config config, String key) {
    int value = config.getValue(key, Integer.class);
    if (value < 1) {
      throw new IllegalStateException(key + " must be at least 1: " + value);
    }
    return value;
  }

  /** A positive duration as ISO-8601 ({@code PT15S}) or as whole seconds ({@code 15}). */
  static Duration duration(Config config, String key) {
    return duration(key, config.getValue(key, String.class));
  }

  static Duration duration(Config config, String key, String fallback) {
    return duration(key, config.getOptionalValue(key, String.class).orElse(fallback));
  }

  private static Duration duration(String key, String text) {
    String value = text.trim();
    Duration duration;
    try {
      duration =
          !value.isEmpty() && value.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(value))
              : Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          key + " is a duration such as PT15S or 15 (seconds), not '" + value + "'", e);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalStateException(key + " must be positive: " + value);
    }
    return duration;
  }
}
