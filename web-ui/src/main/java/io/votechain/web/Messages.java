package io.votechain.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every message bundle under {@code i18n/} on the class path, merged per language: {@code
 * messages_en.properties}, {@code voter_en.properties} and any other {@code
 * <name>_<lang>.properties} file a page group adds. Files are read as UTF-8 (not ISO-8859-1 as
 * {@link Properties#load( InputStream)} would), so translators write Chinese directly. A key
 * defined twice for one language is a build error, not a silent override: {@link #load} fails.
 * Instances are immutable and thread safe.
 */
public final class Messages {
  /** The languages the UI is translated into; the first is the fallback. */
  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.CHINESE);

  private static final String FOLDER = "i18n/";

  private final Map<String, Map<String, String>> byLanguage;

  private Messages(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  /** Loads every {@code i18n/*_<lang>.properties} visible to {@code loader}. */
  public static Messages load(ClassLoader loader) {
    Map<String, Map<String, String>> byLanguage = new TreeMap<>();
    for (String file : bundleFiles(loader)) {
      String base = file.substring(0, file.length() - ".properties".length());
      int underscore = base.lastIndexOf('_');
      if (underscore < 0) {
        continue;
      }
      String language = base.substring(underscore + 1);
      Map<String, String> target = byLanguage.computeIfAbsent(language, l -> new TreeMap<>());
      Properties p = new Properties();
      try (InputStream in = loader.getResourceAsStream(FOLDER + file)) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read i18n/" + file, e);
      }
      for (String key : new TreeSet<>(p.stringPropertyNames())) {
        if (target.put(key, p.getProperty(key)) != null) {
          throw new IllegalStateException(
              "message key " + key + " defined twice for language " + language);
        }
      }
    }
    Map<String, Map<String, String>> frozen = new TreeMap<>();
    byLanguage.forEach((l, m) -> frozen.put(l, Collections.unmodifiableMap(m)));
    return new Messages(Collections.unmodifiableMap(frozen));
  }

  /** The file names (e.g. {@code messages_en.properties}) in the i18n folder, sorted. */
  static Set<String> bundleFiles(ClassLoader loader) {
    Set<String> files = new TreeSet<>();
    try {
      Enumeration<URL> folders = loader.getResources(FOLDER);
      while (folders.hasMoreElements()) {
        URL url = folders.nextElement();
        if (url.getProtocol().equals("file")) {
          try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
            list.map(p -> p.getFileName().toString()).forEach(files::add);
          }
        } else if (url.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String name = e.nextElement().getName();
              if (name.startsWith(FOLDER) && name.indexOf('/', FOLDER.length()) < 0) {
                files.add(name.substring(FOLDER.length()));
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the i18n bundles", e);
    }
    files.removeIf(f -> !f.endsWith(".properties"));
    return files;
  }

  /** The supported locale closest to {@code requested} (its language), else English. */
  public static Locale supported(Locale requested) {
    for (Locale l : SUPPORTED) {
      if (requested != null && l.getLanguage().equals(requested.getLanguage())) {
        return l;
      }
    }
    return SUPPORTED.get(0);
  }

  /**
   * The message {@code key} in {@code locale}'s language with {@code args} formatted into it
   * ({@link MessageFormat}), falling back to English; empty when no language has it.
   */
  public java.util.Optional<String> find(Locale locale, String key, Object... args) {
    String pattern = byLanguage.getOrDefault(locale.getLanguage(), Map.of()).get(key);
    if (pattern == null) {
      pattern = byLanguage.getOrDefault(SUPPORTED.get(0).getLanguage(), Map.of()).get(key);
    }
    if (pattern == null) {
      return java.util.Optional.empty();
    }
    // Always through MessageFormat, so one quoting rule ('' for an apostrophe) holds in every
    // bundle.
    return java.util.Optional.of(
        new MessageFormat(pattern, locale).format(args == null ? new Object[0] : args));
  }

  /** Like {@link #find}, with a visible marker for a missing key (tests look for it). */
  public String get(Locale locale, String key, Object... args) {
    return find(locale, key, args).orElse(missing(locale, key));
  }

  static String missing(Locale locale, String key) {
    return "??" + key + "_" + locale.getLanguage() + "??";
  }

  /** The keys defined for {@code language}, sorted. */
  public Set<String> keys(String language) {
    return new TreeSet<>(byLanguage.getOrDefault(language, Map.of()).keySet());
  }

  /** The languages some bundle defines. */
  public List<String> languages() {
    return new ArrayList<>(byLanguage.keySet());
  }
}
